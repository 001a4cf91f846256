package cn.villagecounsel.api.advisor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.AdvisorForms.NewAgreement;
import cn.villagecounsel.api.advisor.AdvisorViews.AgreementView;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FileStore;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Service agreements: created, documented, filed (备案) and terminated by admins of the village's region. */
@Service
class AgreementService {

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    private static final Period LONGEST = Period.ofYears(5);

    private final AgreementRepository agreements;
    private final AdvisorRepository advisors;
    private final RegionDirectory regions;
    private final FileStore files;
    private final DirectoryChanges changes;
    private final AuditLog audit;
    private final Clock clock;

    AgreementService(AgreementRepository agreements, AdvisorRepository advisors, RegionDirectory regions,
            FileStore files, DirectoryChanges changes, AuditLog audit, Clock clock) {
        this.agreements = agreements;
        this.advisors = advisors;
        this.regions = regions;
        this.files = files;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    Flux<AgreementView> list(CurrentUser admin, String regionCode, String advisorId, String villageCode) {
        return admin.regionScope(villageCode != null ? villageCode : regionCode, "region")
                .flatMapMany(scope -> agreements.findByVillageCodeStartingWith(RegionCodes.prefixOf(scope)))
                .filter(agreement -> advisorId == null || advisorId.equals(agreement.advisorId()))
                .sort((a, b) -> a.villageCode().equals(b.villageCode()) ? b.startDate().compareTo(a.startDate())
                        : a.villageCode().compareTo(b.villageCode()))
                .take(2_000)
                .collectList()
                .flatMapMany(this::views);
    }

    Mono<AgreementView> create(CurrentUser admin, NewAgreement form) {
        if (form.endDate().isBefore(form.startDate())) {
            return Mono.error(ApiProblem.invalid("endDate", "结束日期不能早于开始日期。"));
        }
        if (form.startDate().plus(LONGEST).isBefore(form.endDate())) {
            return Mono.error(ApiProblem.invalid("endDate", "协议期限不能超过 5 年。"));
        }
        if (!admin.mayActIn(form.villageCode())) {
            return Mono.error(ApiProblem.forbidden("该村（社区）不在您的管辖范围内。"));
        }
        return regions.find(form.villageCode())
                .filter(village -> village.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("villageCode", "村（社区）" + form.villageCode() + " 不存在。")))
                .then(advisors.existsById(form.advisorId()))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("advisorId", "法律顾问不存在。")))
                .thenMany(agreements.findByAdvisorIdAndVillageCodeAndTerminatedAtIsNull(form.advisorId(), form.villageCode()))
                .filter(existing -> !existing.startDate().isAfter(form.endDate())
                        && !existing.endDate().isBefore(form.startDate()))
                .next()
                .flatMap(overlapping -> Mono.<Agreement>error(new ApiProblem(HttpStatus.CONFLICT, "AGREEMENT_OVERLAP",
                        "协议期限重叠", "该法律顾问与该村（社区）已有一份 " + overlapping.startDate() + " 至 "
                                + overlapping.endDate() + " 的协议，期限不能重叠。")))
                .switchIfEmpty(Mono.defer(() -> agreements.insert(new Agreement(null, form.advisorId(),
                        form.villageCode(), form.startDate(), form.endDate(), false, null, null, null, null, null,
                        admin.id(), Instant.now(), null))))
                .flatMap(saved -> record(admin, "agreement.create", saved));
    }

    Mono<AgreementView> attachFile(CurrentUser admin, String id, FilePart file) {
        return manageable(admin, id)
                .flatMap(agreement -> files.store(file, Set.of(FileStore.Kind.PDF, FileStore.Kind.JPEG, FileStore.Kind.PNG),
                                MAX_FILE_BYTES, "file", "agreement")
                        .flatMap(fileId -> agreements.save(new Agreement(agreement.id(), agreement.advisorId(),
                                        agreement.villageCode(), agreement.startDate(), agreement.endDate(),
                                        agreement.filed(), agreement.filedAt(), agreement.filedBy(), fileId,
                                        file.filename(), agreement.terminatedAt(), agreement.createdBy(),
                                        agreement.createdAt(), agreement.version()))
                                .flatMap(saved -> files.delete(agreement.fileId()).thenReturn(saved))))
                .flatMap(saved -> record(admin, "agreement.file", saved));
    }

    Mono<FileStore.Content> file(CurrentUser admin, String id) {
        return manageable(admin, id)
                .flatMap(agreement -> files.load(agreement.fileId()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("该协议还没有上传文件。")));
    }

    Mono<AgreementView> markFiled(CurrentUser admin, String id) {
        return manageable(admin, id)
                .flatMap(agreement -> {
                    if (agreement.terminatedAt() != null) {
                        return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "AGREEMENT_TERMINATED", "协议已终止",
                                "已终止的协议不能再备案。"));
                    }
                    return agreement.filed() ? Mono.just(agreement)
                            : agreements.save(new Agreement(agreement.id(), agreement.advisorId(), agreement.villageCode(),
                                    agreement.startDate(), agreement.endDate(), true, Instant.now(), admin.id(),
                                    agreement.fileId(), agreement.fileName(), null, agreement.createdBy(),
                                    agreement.createdAt(), agreement.version()));
                })
                .flatMap(saved -> record(admin, "agreement.filing", saved));
    }

    Mono<AgreementView> terminate(CurrentUser admin, String id) {
        return manageable(admin, id)
                .flatMap(agreement -> agreement.terminatedAt() != null ? Mono.just(agreement)
                        : agreements.save(new Agreement(agreement.id(), agreement.advisorId(), agreement.villageCode(),
                                agreement.startDate(), agreement.endDate(), agreement.filed(), agreement.filedAt(),
                                agreement.filedBy(), agreement.fileId(), agreement.fileName(), Instant.now(),
                                agreement.createdBy(), agreement.createdAt(), agreement.version())))
                .flatMap(saved -> record(admin, "agreement.termination", saved));
    }

    private Mono<AgreementView> record(CurrentUser admin, String action, Agreement agreement) {
        return changes.changed(agreement.villageCode())
                .then(audit.record(admin.id(), action, agreement.id(), "SUCCESS", List.of(agreement.villageCode())))
                .then(views(List.of(agreement)).single());
    }

    private Mono<Agreement> manageable(CurrentUser admin, String id) {
        return agreements.findById(id)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("服务协议不存在。")))
                .filter(agreement -> admin.mayActIn(agreement.villageCode()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("该协议的村（社区）不在您的管辖范围内。")));
    }

    private Flux<AgreementView> views(List<Agreement> list) {
        LocalDate today = ChinaTime.today(clock);
        return Mono.zip(
                        advisors.findAllById(list.stream().map(Agreement::advisorId).distinct().toList())
                                .collectMap(Advisor::id, Advisor::name),
                        regions.describe(list.stream().map(Agreement::villageCode).distinct().toList()))
                .flatMapIterable(found -> {
                    Map<String, String> advisorNames = found.getT1();
                    Map<String, String> villageNames = found.getT2().stream()
                            .collect(Collectors.toMap(RegionView::code, RegionView::name));
                    return list.stream().map(agreement -> new AgreementView(agreement.id(), agreement.advisorId(),
                            advisorNames.get(agreement.advisorId()), agreement.villageCode(),
                            villageNames.get(agreement.villageCode()), agreement.startDate(), agreement.endDate(),
                            agreement.filed(), agreement.filedAt(), agreement.fileId() != null, agreement.fileName(),
                            agreement.terminatedAt(), agreement.activeOn(today))).toList();
                });
    }
}
