package cn.villagecounsel.api.team;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.account.Memberships;
import cn.villagecounsel.api.account.TokenResponse;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.team.TeamForms.Invited;
import cn.villagecounsel.api.team.TeamForms.NavigatorEdit;
import cn.villagecounsel.api.team.TeamForms.NavigatorView;
import cn.villagecounsel.api.team.TeamForms.NewNavigator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The 1+N team of each village, kept by admins of its region; the public view for the notice board. */
@Service
public class TeamService {

    static final Duration INVITE_VALIDITY = Duration.ofDays(7);
    private static final int INVITE_LENGTH = 8;
    private static final Sort BY_JOINING = Sort.by("createdAt");

    private final NavigatorRepository navigators;
    private final ReactiveMongoTemplate mongo;
    private final RegionDirectory regions;
    private final Memberships memberships;
    private final FieldCipher cipher;
    private final DirectoryChanges changes;
    private final AuditLog audit;

    TeamService(NavigatorRepository navigators, ReactiveMongoTemplate mongo, RegionDirectory regions,
            Memberships memberships, FieldCipher cipher, DirectoryChanges changes, AuditLog audit) {
        this.navigators = navigators;
        this.mongo = mongo;
        this.regions = regions;
        this.memberships = memberships;
        this.cipher = cipher;
        this.changes = changes;
        this.audit = audit;
    }

    /** The team as the notice board shows it: phones only of those who agreed. */
    public Flux<TeamMember> publicTeam(String villageCode) {
        return navigators.findByVillageCode(villageCode, BY_JOINING)
                .map(member -> new TeamMember(member.name(), member.role(), member.role().label(),
                        member.phoneConsent() && member.phone() != null ? cipher.decrypt(member.phone()) : null));
    }

    /** Team sizes by village (invited and joined alike: the policy counts people named, not app users). */
    public Mono<Map<String, Long>> sizes(Collection<String> villageCodes) {
        return navigators.findByVillageCodeIn(villageCodes)
                .collect(Collectors.groupingBy(Navigator::villageCode,
                        Collectors.counting()));
    }

    Flux<NavigatorView> list(CurrentUser admin, String villageCode) {
        return inScope(admin, villageCode).thenMany(navigators.findByVillageCode(villageCode, BY_JOINING)).map(this::view);
    }

    Mono<Invited> add(CurrentUser admin, NewNavigator form) {
        String code = RandomIds.readable(INVITE_LENGTH);
        Instant now = Instant.now();
        return inScope(admin, form.villageCode())
                .then(regions.find(form.villageCode()))
                .filter(village -> village.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("villageCode", "村（社区）" + form.villageCode() + " 不存在。")))
                .flatMap(village -> navigators.insert(new Navigator(null, form.villageCode(), form.name().strip(),
                        form.role(), encryptOrNull(form.phone()), form.consented() && form.phone() != null,
                        Navigator.Status.INVITED, digest(code), now.plus(INVITE_VALIDITY), null, null, admin.id(), now,
                        null)))
                .flatMap(saved -> changed(admin, "navigator.add", saved)
                        .thenReturn(new Invited(view(saved), code, saved.inviteExpiresAt())));
    }

    Mono<NavigatorView> update(CurrentUser admin, String id, NavigatorEdit edit) {
        return manageable(admin, id)
                .flatMap(member -> {
                    String phone = edit.phone() == null || edit.phone().isBlank() ? member.phone() : cipher.encrypt(edit.phone());
                    return navigators.save(new Navigator(member.id(), member.villageCode(), edit.name().strip(),
                            edit.role(), phone, edit.consented() && phone != null, member.status(), member.inviteHash(),
                            member.inviteExpiresAt(), member.userId(), member.joinedAt(), member.createdBy(),
                            member.createdAt(), member.version()));
                })
                .flatMap(saved -> changed(admin, "navigator.update", saved).thenReturn(view(saved)));
    }

    Mono<Void> remove(CurrentUser admin, String id) {
        return manageable(admin, id)
                .flatMap(member -> navigators.delete(member)
                        .then(member.userId() == null ? Mono.empty() : memberships.revokeNavigator(member.userId()))
                        .then(changed(admin, "navigator.remove", member)));
    }

    Mono<Invited> reissue(CurrentUser admin, String id) {
        String code = RandomIds.readable(INVITE_LENGTH);
        Instant expires = Instant.now().plus(INVITE_VALIDITY);
        return manageable(admin, id)
                .flatMap(member -> mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(member.id()).and("status").is(Navigator.Status.INVITED)),
                        new Update().set("inviteHash", digest(code)).set("inviteExpiresAt", expires).inc("version", 1),
                        FindAndModifyOptions.options().returnNew(true), Navigator.class))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "ALREADY_JOINED", "已加入",
                        "此人已用邀请码加入，无需再发邀请码。")))
                .flatMap(saved -> audit.record(admin.id(), "navigator.invite", saved.id(), "SUCCESS",
                        List.of(saved.villageCode())).thenReturn(new Invited(view(saved), code, expires)));
    }

    /**
     * Redeems an invite: one conditional update from INVITED to ACTIVE, so a code works once even when
     * sent twice at the same moment.
     */
    Mono<TokenResponse> redeem(CurrentUser resident, String code) {
        Instant now = Instant.now();
        Query open = Query.query(Criteria.where("inviteHash").is(digest(code.strip().toUpperCase(Locale.ROOT)))
                .and("status").is(Navigator.Status.INVITED).and("inviteExpiresAt").gt(now));
        return navigators.findFirstByUserId(resident.id())
                .flatMap(existing -> Mono.<Navigator>error(new ApiProblem(HttpStatus.CONFLICT, "ALREADY_NAVIGATOR",
                        "已是法律明白人", "您已是其他村（社区）的法律明白人，请先请管理员将您移出原团队。")))
                .switchIfEmpty(Mono.defer(() -> mongo.findAndModify(open, new Update()
                                .set("status", Navigator.Status.ACTIVE).set("userId", resident.id()).set("joinedAt", now)
                                // Bumped so that an admin's edit based on the invited record fails instead of
                                // writing the membership back to INVITED.
                                .unset("inviteHash").inc("version", 1),
                        FindAndModifyOptions.options().returnNew(true), Navigator.class)))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "INVITE_INVALID", "邀请码无效",
                        "邀请码不正确、已使用或已过期，请向司法所索取新的邀请码。")))
                .flatMap(member -> changes.changed(member.villageCode())
                        .then(audit.record(resident.id(), "navigator.join", member.id(), "SUCCESS",
                                List.of(member.villageCode())))
                        .then(memberships.grantNavigator(resident.id(), member.villageCode())));
    }

    private Mono<Void> changed(CurrentUser admin, String action, Navigator member) {
        return changes.changed(member.villageCode())
                .then(audit.record(admin.id(), action, member.id(), "SUCCESS", List.of(member.villageCode())));
    }

    private static Mono<Void> inScope(CurrentUser admin, String villageCode) {
        return admin.mayActIn(villageCode) ? Mono.empty()
                : Mono.error(ApiProblem.forbidden("该村（社区）不在您的管辖范围内。"));
    }

    private Mono<Navigator> manageable(CurrentUser admin, String id) {
        return navigators.findById(id)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("该法律明白人不存在。")))
                .flatMap(member -> inScope(admin, member.villageCode()).thenReturn(member));
    }

    private NavigatorView view(Navigator member) {
        return new NavigatorView(member.id(), member.villageCode(), member.name(), member.role(), member.role().label(),
                member.phone() == null ? null : Phones.mask(cipher.decrypt(member.phone())), member.phoneConsent(),
                member.status().name(), member.joinedAt());
    }

    private String encryptOrNull(String phone) {
        return phone == null || phone.isBlank() ? null : cipher.encrypt(phone);
    }

    private static String digest(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
