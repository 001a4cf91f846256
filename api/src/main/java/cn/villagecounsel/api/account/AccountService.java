package cn.villagecounsel.api.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import cn.villagecounsel.wechat.MiniProgramAuth;
import cn.villagecounsel.wechat.WechatCodeInvalidException;
import cn.villagecounsel.wechat.WechatRateLimitedException;
import cn.villagecounsel.wechat.WechatSession;
import cn.villagecounsel.wechat.WechatUnavailableException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Sign-in, token refresh and sign-out for every kind of party, and the signed-in user's profile. */
@Service
class AccountService {

    private static final String WECHAT_DEFAULT_NAME = "微信用户";
    private static final String LOGIN = "auth.login";

    private final UserRepository users;
    private final PartnerClientRepository clients;
    private final ReactiveMongoTemplate mongo;
    private final PasswordHashing passwords;
    private final LoginGuard guard;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final MiniProgramAuth miniProgram;
    private final WechatSessions wechatSessions;
    private final RegionDirectory regions;
    private final AuditLog audit;
    private final ServedVillages servedVillages;

    AccountService(UserRepository users, PartnerClientRepository clients, ReactiveMongoTemplate mongo,
            PasswordHashing passwords, LoginGuard guard, TokenIssuer tokens, RefreshTokens refreshTokens,
            MiniProgramAuth miniProgram, WechatSessions wechatSessions, RegionDirectory regions, AuditLog audit,
            ServedVillages servedVillages) {
        this.servedVillages = servedVillages;
        this.users = users;
        this.clients = clients;
        this.mongo = mongo;
        this.passwords = passwords;
        this.guard = guard;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.miniProgram = miniProgram;
        this.wechatSessions = wechatSessions;
        this.regions = regions;
        this.audit = audit;
    }

    Mono<TokenResponse> staffLogin(StaffLogin login) {
        String username = login.username().trim().toLowerCase(Locale.ROOT);
        return guard.checkNotLocked(username)
                .onErrorResume(AccountProblems.AccountLocked.class, locked ->
                        audit.record(username, LOGIN, username, "LOCKED", null).then(Mono.error(locked)))
                .then(users.findByUsername(username).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(user -> passwords.matches(login.password(), user.map(User::passwordHash).orElse(null))
                        .flatMap(matched -> matched
                                ? guard.recordSuccess(username)
                                        .then(signIn(user.get()))
                                        .flatMap(tokens -> audit.record(user.get().id(), LOGIN, username, "SUCCESS",
                                                user.get().regions()).thenReturn(tokens))
                                : audit.record(username, LOGIN, username, "FAILURE", null)
                                        .then(guard.recordFailure(username))
                                        .then(Mono.error(new AccountProblems.InvalidCredentials()))));
    }

    Mono<TokenResponse> wechatLogin(WechatLogin login) {
        return code2Session(login.code())
                .flatMap(session -> upsertResident(session)
                        .flatMap(user -> wechatSessions.remember(user.id(), session.sessionKey()).thenReturn(user)))
                .flatMap(this::signIn);
    }

    /**
     * Keeps a WeChat session for a staff account opened in the mini-program's advisor mode, so that data
     * WeChat encrypts for the user (a group's identity) can be read; the staff account is not tied to the openid.
     */
    Mono<Void> linkWechat(CurrentUser user, String code) {
        return code2Session(code).flatMap(session -> wechatSessions.remember(user.id(), session.sessionKey())).then();
    }

    private Mono<WechatSession> code2Session(String code) {
        return miniProgram.code2Session(code)
                .onErrorMap(WechatCodeInvalidException.class, e -> new AccountProblems.WechatCodeRejected())
                .onErrorMap(WechatRateLimitedException.class, e -> new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
                        "RATE_LIMITED", "请求过于频繁", "登录过于频繁，请稍后再试。", Duration.ofMinutes(1)))
                .onErrorMap(WechatUnavailableException.class, e -> new AccountProblems.WechatBusy(Duration.ofSeconds(5)));
    }

    Mono<TokenResponse> refresh(String refreshToken) {
        return refreshTokens.spend(refreshToken)
                .flatMap(spent -> spent.outcome() == RefreshTokens.Outcome.REUSED
                        // A spent token came back: it leaked. Its family is revoked; keep a record for the admins.
                        ? audit.record(spent.userId(), "auth.refresh", spent.familyId(), "REUSE_REVOKED_FAMILY", null)
                                .thenReturn(spent)
                        : Mono.just(spent))
                .filter(spent -> spent.outcome() == RefreshTokens.Outcome.OK)
                .switchIfEmpty(Mono.error(AccountProblems.InvalidGrant::new))
                .flatMap(spent -> users.findById(spent.userId())
                        .filter(User::enabled)
                        .switchIfEmpty(Mono.error(AccountProblems.InvalidGrant::new))
                        .flatMap(user -> tokens.rotate(user, spent.familyId())));
    }

    Mono<TokenResponse> clientCredentials(String clientId, String secret) {
        return clients.findById(clientId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(client -> passwords.matches(secret, client.map(PartnerClient::secretHash).orElse(null))
                        .filter(matched -> matched && client.get().enabled())
                        .flatMap(matched -> tokens.forClient(client.get())))
                .switchIfEmpty(Mono.error(AccountProblems.InvalidClient::new));
    }

    Mono<Void> logout(CurrentUser user, String refreshToken) {
        return refreshTokens.revokeFamilyOf(refreshToken, user.id())
                .then(audit.record(user.id(), "auth.logout", user.id(), "SUCCESS", user.regions()));
    }

    Mono<MeView> me(CurrentUser current) {
        return users.findById(current.id())
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("账号不存在或已被删除。")))
                .flatMap(user -> Mono.zip(regions.describe(user.regions()),
                                servedVillages.of(user.id()).flatMap(regions::describe),
                                user.villageCode() == null ? Mono.just(Optional.<RegionView>empty())
                                        : regions.find(user.villageCode()).map(Optional::of).defaultIfEmpty(Optional.empty()))
                        .map(found -> MeView.of(user, found.getT1(), found.getT3().orElse(null), found.getT2())));
    }

    Mono<MeView> chooseVillage(CurrentUser current, String villageCode) {
        return regions.find(villageCode)
                .filter(region -> region.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("没有找到该村（社区），请重新选择。")))
                .flatMap(village -> mongo.updateFirst(Query.query(Criteria.where("_id").is(current.id())),
                        Update.update("villageCode", village.code()), User.class))
                .then(me(current));
    }

    private Mono<TokenResponse> signIn(User user) {
        if (!user.enabled()) {
            return Mono.error(new AccountProblems.AccountDisabled());
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(user.id())),
                        Update.update("lastLoginAt", Instant.now()), User.class)
                .then(tokens.signIn(user));
    }

    /** One atomic upsert by openid; a concurrent first sign-in loses the unique-index race and retries as an update. */
    private Mono<User> upsertResident(WechatSession session) {
        Update update = new Update()
                .setOnInsert("roles", Set.of(Role.RESIDENT))
                .setOnInsert("regions", java.util.List.of())
                .setOnInsert("displayName", session.sandboxName() != null ? session.sandboxName() : WECHAT_DEFAULT_NAME)
                .setOnInsert("enabled", true)
                .setOnInsert("createdAt", Instant.now());
        if (session.unionid() != null) {
            update.set("unionid", session.unionid());
        }
        return mongo.findAndModify(Query.query(Criteria.where("openid").is(session.openid())), update,
                        FindAndModifyOptions.options().upsert(true).returnNew(true), User.class)
                .retryWhen(Retry.max(1).filter(DuplicateKeyException.class::isInstance));
    }
}
