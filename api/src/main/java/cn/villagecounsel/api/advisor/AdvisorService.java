package cn.villagecounsel.api.advisor;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.account.StaffAccounts;
import cn.villagecounsel.api.advisor.AdvisorForms.AdvisorEdit;
import cn.villagecounsel.api.advisor.AdvisorForms.NewAdvisor;
import cn.villagecounsel.api.advisor.AdvisorForms.ProfileEdit;
import cn.villagecounsel.api.advisor.AdvisorViews.AdvisorCreated;
import cn.villagecounsel.api.advisor.AdvisorViews.AdvisorView;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.FileStore;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Advisor profiles: kept by admins of their region, partly by the advisors themselves. */
@Service
class AdvisorService {

    static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

    private final AdvisorRepository advisors;
    private final Assignments assignments;
    private final StaffAccounts accounts;
    private final RegionDirectory regions;
    private final FieldCipher cipher;
    private final FileStore files;
    private final DirectoryChanges changes;
    private final AuditLog audit;

    AdvisorService(AdvisorRepository advisors, Assignments assignments, StaffAccounts accounts, RegionDirectory regions,
            FieldCipher cipher, FileStore files, DirectoryChanges changes, AuditLog audit) {
        this.advisors = advisors;
        this.assignments = assignments;
        this.accounts = accounts;
        this.regions = regions;
        this.cipher = cipher;
        this.files = files;
        this.changes = changes;
        this.audit = audit;
    }

    Flux<AdvisorView> list(CurrentUser admin, String regionCode, String query) {
        String text = query == null ? "" : query.strip();
        return admin.regionScope(regionCode, "region")
                .flatMapMany(assignments::advisorsRegisteredIn)
                .filter(advisor -> text.isEmpty() || advisor.name().contains(text) || advisor.lawFirm().contains(text))
                .take(500)
                .collectList()
                .flatMapMany(this::views);
    }

    Mono<AdvisorView> get(CurrentUser admin, String id) {
        return manageable(admin, id).flatMap(this::view);
    }

    Mono<AdvisorCreated> create(CurrentUser admin, NewAdvisor form) {
        if (!admin.mayActIn(form.regionCode())) {
            return Mono.error(ApiProblem.forbidden("该区划不在您的管辖范围内。"));
        }
        return regions.find(form.regionCode())
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("regionCode", "区划 " + form.regionCode() + " 不存在。")))
                .then(accounts.create(form.username(), form.name(), Role.ADVISOR, List.of(form.regionCode())))
                .flatMap(account -> {
                    Instant now = Instant.now();
                    Advisor advisor = new Advisor(null, form.name().strip(), form.lawFirm().strip(), form.licenceNo(),
                            cipher.encrypt(form.phone()), encryptOrNull(form.publicPhone()), blankToNull(form.serviceScope()),
                            form.regionCode(), account.userId(), account.username(), null, now, now, null);
                    return advisors.insert(advisor)
                            // No transactions: take the account back if the profile could not be saved.
                            .onErrorResume(error -> accounts.delete(account.userId()).then(Mono.error(error)))
                            .flatMap(saved -> audit.record(admin.id(), "advisor.create", saved.id(), "SUCCESS",
                                            List.of(saved.regionCode()))
                                    .then(view(saved)))
                            .map(view -> new AdvisorCreated(view, account.initialPassword()));
                });
    }

    Mono<AdvisorView> update(CurrentUser admin, String id, AdvisorEdit edit) {
        return manageable(admin, id)
                .flatMap(advisor -> save(advisor, edit.name(), edit.lawFirm(), edit.licenceNo(), edit.phone(),
                        edit.publicPhone(), edit.serviceScope()))
                .flatMap(saved -> audit.record(admin.id(), "advisor.update", saved.id(), "SUCCESS",
                        List.of(saved.regionCode())).then(view(saved)));
    }

    Mono<AdvisorView> profile(CurrentUser advisorUser) {
        return own(advisorUser).flatMap(this::view);
    }

    Mono<AdvisorView> updateProfile(CurrentUser advisorUser, ProfileEdit edit) {
        return own(advisorUser)
                .flatMap(advisor -> save(advisor, advisor.name(), advisor.lawFirm(), advisor.licenceNo(), edit.phone(),
                        edit.publicPhone(), edit.serviceScope()))
                .flatMap(this::view);
    }

    Mono<AdvisorView> replacePhoto(CurrentUser user, String id, FilePart file) {
        Mono<Advisor> target = id == null ? own(user) : manageable(user, id);
        return target.flatMap(advisor -> files.store(file, Set.of(FileStore.Kind.JPEG, FileStore.Kind.PNG),
                                MAX_PHOTO_BYTES, "file", "advisor-photo")
                        .flatMap(photoId -> advisors.save(advisor.withPhoto(photoId, Instant.now()))
                                .flatMap(saved -> files.delete(advisor.photoId()).then(touched(saved)))))
                .flatMap(this::view);
    }

    Mono<FileStore.Content> photo(String id) {
        return advisors.findById(id)
                .flatMap(advisor -> files.load(advisor.photoId()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("该法律顾问没有照片。")));
    }

    private Mono<Advisor> save(Advisor advisor, String name, String lawFirm, String licenceNo, String phone,
            String publicPhone, String serviceScope) {
        Advisor changed = new Advisor(advisor.id(), name.strip(), lawFirm.strip(), licenceNo,
                phone == null || phone.isBlank() ? advisor.phone() : cipher.encrypt(phone),
                encryptOrNull(publicPhone), blankToNull(serviceScope), advisor.regionCode(), advisor.userId(),
                advisor.username(), advisor.photoId(), advisor.createdAt(), Instant.now(), advisor.version());
        return advisors.save(changed)
                .flatMap(saved -> (name.strip().equals(advisor.name()) ? Mono.<Void>empty()
                        : accounts.rename(saved.userId(), saved.name())).then(touched(saved)));
    }

    /** The boards of every village the advisor serves show the profile: make them rebuild. */
    private Mono<Advisor> touched(Advisor advisor) {
        return assignments.villagesServedBy(advisor.id()).collectList()
                .flatMap(changes::changed)
                .thenReturn(advisor);
    }

    private Mono<Advisor> manageable(CurrentUser admin, String id) {
        return advisors.findById(id)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("法律顾问不存在。")))
                .filter(advisor -> admin.mayActIn(advisor.regionCode()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("该法律顾问不在您的管辖范围内。")));
    }

    private Mono<Advisor> own(CurrentUser advisorUser) {
        return advisors.findByUserId(advisorUser.id())
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("您的账号没有关联法律顾问资料，请联系司法所。")));
    }

    private Mono<AdvisorView> view(Advisor advisor) {
        return views(List.of(advisor)).single();
    }

    /** Views of many advisors with two queries in all: their agreements, then the villages' names. */
    private Flux<AdvisorView> views(List<Advisor> list) {
        return assignments.villagesServedBy(list.stream().map(Advisor::id).toList())
                .flatMap(served -> regions.describe(served.values().stream().flatMap(List::stream).distinct().toList())
                        .map(described -> described.stream().collect(Collectors.toMap(RegionView::code, view -> view,
                                (a, b) -> a)))
                        .map(names -> list.stream().map(advisor -> new AdvisorView(advisor.id(), advisor.name(),
                                advisor.lawFirm(), advisor.licenceNo(), Phones.mask(cipher.decrypt(advisor.phone())),
                                advisor.publicPhone() == null ? null : cipher.decrypt(advisor.publicPhone()),
                                advisor.serviceScope(), advisor.regionCode(), advisor.username(),
                                Assignments.photoUrl(advisor), served.getOrDefault(advisor.id(), List.of()).stream()
                                        .map(names::get).toList())).toList()))
                .flatMapIterable(views -> views);
    }

    private String encryptOrNull(String value) {
        return value == null || value.isBlank() ? null : cipher.encrypt(value.strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
