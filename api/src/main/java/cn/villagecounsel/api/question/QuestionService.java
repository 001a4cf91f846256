package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.account.UserRepository;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.IdempotencyKeys;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.Channel;
import cn.villagecounsel.api.question.Question.ContentCheck;
import cn.villagecounsel.api.question.Question.Message;
import cn.villagecounsel.api.question.Question.MessageKind;
import cn.villagecounsel.api.question.Question.Neighbour;
import cn.villagecounsel.api.question.Question.PoolLevel;
import cn.villagecounsel.api.question.Question.Rating;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionAttachment.Kind;
import cn.villagecounsel.api.question.QuestionForms.AskForm;
import cn.villagecounsel.api.question.QuestionForms.FollowUpForm;
import cn.villagecounsel.api.question.QuestionForms.RatingForm;
import cn.villagecounsel.api.question.QuestionStore.Actor;
import cn.villagecounsel.api.question.QuestionStore.Change;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.wechat.ContentSecurity;
import cn.villagecounsel.wechat.ContentSecurity.Suggestion;
import reactor.core.publisher.Mono;

/**
 * The asking side: residents and legal-savvy residents ask, read, follow up, rate, close and reopen; messages to the
 * Official Account come in through {@link QuestionIntake}.
 */
@Service
class QuestionService implements QuestionIntake {

    private static final Logger log = LoggerFactory.getLogger(QuestionService.class);
    static final int MAX_PAGE = 50;
    private static final Set<Status> ASKER_MAY_WRITE = EnumSet.of(Status.OPEN, Status.CLAIMED, Status.ANSWERED);

    /** A question and whether this request made it (201) or found it (200). */
    record Asked(QuestionView question, boolean created) {
    }

    private final ReactiveMongoTemplate mongo;
    private final QuestionStore store;
    private final QuestionAccess access;
    private final QuestionPresenter presenter;
    private final QuestionNotices notices;
    private final QuestionAttachments attachments;
    private final RegionDirectory regions;
    private final UserRepository users;
    private final ContentSecurity contentSecurity;
    private final FieldCipher cipher;
    private final QuestionProperties properties;
    private final Clock clock;

    QuestionService(ReactiveMongoTemplate mongo, QuestionStore store, QuestionAccess access, QuestionPresenter presenter,
            QuestionNotices notices, QuestionAttachments attachments, RegionDirectory regions, UserRepository users,
            ContentSecurity contentSecurity, FieldCipher cipher, QuestionProperties properties, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.store = store;
        this.access = access;
        this.presenter = presenter;
        this.notices = notices;
        this.attachments = attachments;
        this.regions = regions;
        this.users = users;
        this.contentSecurity = contentSecurity;
        this.cipher = cipher;
        this.properties = properties;
    }

    // ---- asking ----

    Mono<Asked> ask(CurrentUser user, String idempotencyKey, AskForm form) {
        if (!IdempotencyKeys.valid(idempotencyKey)) {
            return Mono.error(IdempotencyKeys.invalid());
        }
        if (!isResident(user)) {
            return Mono.error(ApiProblem.forbidden("只有群众和法律明白人可以提问。"));
        }
        if (form.forNeighbour() != null
                && (!user.roles().contains(Role.NAVIGATOR) || !user.regions().contains(form.villageCode()))) {
            return Mono.error(ApiProblem.forbidden("只有本村的法律明白人可以为邻居代问。"));
        }
        String requestKey = Question.requestKey(user.id(), idempotencyKey);
        return toTheEnd(replay(user, requestKey)
                .switchIfEmpty(Mono.defer(() -> village(form.villageCode())
                        .then(users.findById(user.id()))
                        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("账号不存在或已被删除。")))
                        .flatMap(asker -> check(asker, form.text())
                                .flatMap(verdict -> create(user, asker, requestKey, form, verdict))))));
    }

    private Mono<Asked> replay(CurrentUser user, String requestKey) {
        return mongo.findOne(query(where("requestKey").is(requestKey)), Question.class)
                .flatMap(found -> view(found, user).map(view -> new Asked(view, false)));
    }

    private Mono<Void> village(String code) {
        return regions.find(code)
                .filter(region -> region.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("villageCode", "没有找到该村（社区），请重新选择。")))
                .then();
    }

    /**
     * WeChat's content check with the writer's mini-program openid. Risky text is refused; when WeChat cannot check
     * (no openid used in the last two hours, WeChat down) the question goes on, marked unchecked: a resident's
     * question is not lost to an outage.
     */
    private Mono<ContentCheck> check(User writer, String text) {
        if (writer.openid() == null) {
            return Mono.just(ContentCheck.UNCHECKED);
        }
        return contentSecurity.checkText(writer.openid(), text)
                .flatMap(verdict -> verdict.suggestion() == Suggestion.RISKY ? Mono.error(QuestionProblems.contentRefused())
                        : Mono.just(verdict.suggestion() == Suggestion.REVIEW ? ContentCheck.REVIEW : ContentCheck.PASS))
                .onErrorResume(failure -> !(failure instanceof ApiProblem), failure -> {
                    log.info("Content check unavailable ({}); the text goes on unchecked", failure.toString());
                    return Mono.just(ContentCheck.UNCHECKED);
                });
    }

    private Mono<Asked> create(CurrentUser user, User asker, String requestKey, AskForm form, ContentCheck check) {
        String id = new ObjectId().toHexString();
        List<String> files = new ArrayList<>(form.images());
        return attachments.take(user, form.images(), Set.of(Kind.IMAGE), id, "imageIds")
                .then(form.voiceId() == null ? Mono.just(List.<QuestionAttachment>of())
                        : attachments.take(user, List.of(form.voiceId()), Set.of(Kind.VOICE), id, "voiceId")
                                .onErrorResume(failure -> attachments.giveBack(id, form.images()).then(Mono.error(failure))))
                .flatMap(voice -> {
                    if (form.voiceId() != null) {
                        files.add(form.voiceId());
                    }
                    Question question = newQuestion(id, requestKey, form.villageCode(), form.topic(), form.text(),
                            files, Boolean.TRUE.equals(form.urgent()), Boolean.TRUE.equals(form.greenChannel()),
                            Channel.MINI_PROGRAM, check, asker, form.contactPhone(),
                            Boolean.TRUE.equals(form.callbackAllowed()), neighbour(form), clock.instant());
                    return insert(question).onErrorResume(failure -> attachments.giveBack(id, files).then(Mono.error(failure)));
                })
                .flatMap(stored -> stored.id().equals(id)
                        ? notices.flush(stored).flatMap(flushed -> view(flushed, user)).map(view -> new Asked(view, true))
                        : view(stored, user).map(view -> new Asked(view, false)));
    }

    /** Stores the question; the same request stored meanwhile (a double tap) is the answer instead. */
    private Mono<Question> insert(Question question) {
        return store.insert(question).onErrorResume(DuplicateKeyException.class,
                duplicate -> mongo.findOne(query(where("requestKey").is(question.requestKey())), Question.class)
                        .switchIfEmpty(Mono.error(duplicate)));
    }

    private Neighbour neighbour(AskForm form) {
        if (form.forNeighbour() == null) {
            return null;
        }
        String phone = form.forNeighbour().phone();
        return new Neighbour(form.forNeighbour().name().strip(), phone == null ? null : cipher.encrypt(phone),
                form.forNeighbour().consent().method(), form.forNeighbour().consent().note(), clock.instant());
    }

    private Question newQuestion(String id, String requestKey, String villageCode, LegalTopic topic, String text,
            List<String> files, boolean urgent, boolean greenChannel, Channel channel, ContentCheck check, User asker,
            String contactPhone, boolean callbackAllowed, Neighbour neighbour, Instant now) {
        String township = RegionCodes.parentOf(villageCode);
        boolean held = check == ContentCheck.REVIEW;
        Status status = held ? Status.HELD_FOR_REVIEW : Status.OPEN;
        Actor actor = new Actor(asker.id(), asker.displayName(), neighbour != null ? Role.NAVIGATOR : Role.RESIDENT);
        List<Question.HistoryEntry> history = new ArrayList<>();
        history.add(new Question.HistoryEntry(now, "ASKED", actor.id(), actor.name(), actor.role(), null, status,
                neighbour != null ? "法律明白人代邻居提问" : null));
        if (held) {
            history.add(new Question.HistoryEntry(now, "HELD_FOR_REVIEW", Actor.SYSTEM.id(), Actor.SYSTEM.name(), null,
                    status, status, "微信内容安全检查建议人工审核"));
        }
        return new Question(id, requestKey, villageCode, township, RegionCodes.parentOf(township), topic, text.strip(),
                files, urgent, greenChannel, Question.priorityOf(urgent, greenChannel), channel, check, asker.id(),
                asker.displayName(), contactPhone == null ? null : cipher.encrypt(contactPhone), callbackAllowed,
                neighbour, status, PoolLevel.VILLAGE, held ? null : now.plus(firstWait(urgent || greenChannel)), null,
                List.of(), null,
                List.of(new Message(new ObjectId().toHexString(), MessageKind.QUESTION, asker.id(), actor.role(),
                        asker.displayName(), text.strip(), files, null, null, now)),
                history, null, now, null, null, null, null, List.of(), false,
                held ? List.of() : List.of(new Question.PendingNotice("asked", "asked", now)), 0, now);
    }

    Duration firstWait(boolean priority) {
        return priority ? properties.urgentWait() : properties.villageWait();
    }

    // ---- reading ----

    Mono<QuestionView> get(CurrentUser user, String id) {
        return access.viewer(user).flatMap(viewer -> store.find(id)
                .switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> access.readable(viewer, question))
                .flatMap(question -> presenter.view(question, viewer)));
    }

    Mono<QuestionView> view(Question question, CurrentUser user) {
        return access.viewer(user).flatMap(viewer -> presenter.view(question, viewer));
    }

    Mono<Page> mine(CurrentUser user, String cursor, int limit) {
        return page(Criteria.where("askedBy").is(user.id()), cursor, limit);
    }

    /** Newest first by id, {@code limit} at a time. */
    Mono<Page> page(Criteria criteria, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 50 之间。"));
        }
        if (cursor != null && !ObjectId.isValid(cursor)) {
            return Mono.error(ApiProblem.invalid("cursor", "翻页游标无效。"));
        }
        Criteria paged = cursor == null ? criteria
                : new Criteria().andOperator(criteria, where("_id").lt(new ObjectId(cursor)));
        return mongo.find(query(paged).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit + 1), Question.class)
                .collectList()
                .flatMap(found -> {
                    boolean more = found.size() > limit;
                    List<Question> shown = more ? found.subList(0, limit) : found;
                    return presenter.items(shown)
                            .map(items -> new Page(items, more ? shown.get(shown.size() - 1).id() : null));
                });
    }

    Mono<QuestionAttachment> attachment(CurrentUser user, String questionId, String attachmentId) {
        return access.viewer(user).flatMap(viewer -> store.find(questionId)
                .switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> access.readable(viewer, question))
                .flatMap(question -> attachments.find(attachmentId)
                        .filter(file -> questionId.equals(file.questionId()))
                        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("附件不存在。")))));
    }

    // ---- the asker's actions ----

    Mono<QuestionView> followUp(CurrentUser user, String id, FollowUpForm form) {
        String messageId = new ObjectId().toHexString();
        List<String> files = form.attachmentIds() == null ? List.of() : form.attachmentIds();
        return toTheEnd(store.find(id)
                .filter(question -> question.isAskedBy(user.id()))
                .switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> users.findById(user.id()).flatMap(writer -> check(writer, form.text())))
                .flatMap(check -> attachments.take(user, files, EnumSet.allOf(Kind.class), id, "attachmentIds"))
                .then(store.update(id, question -> followUpChange(question, user.id(), messageId, form.text(), files))
                        .onErrorResume(failure -> attachments.giveBack(id, files).then(Mono.error(failure))))
                .flatMap(notices::flush)
                .flatMap(question -> view(question, user)));
    }

    private Mono<Change> followUpChange(Question question, String userId, String messageId, String text,
            List<String> files) {
        if (!question.isAskedBy(userId)) {
            return Mono.error(QuestionProblems.notFound());
        }
        if (!ASKER_MAY_WRITE.contains(question.status())) {
            return Mono.error(QuestionProblems.wrongState("问题已解决或已关闭，如需继续咨询请重新打开或提一个新问题。"));
        }
        Change change = store.change(question);
        Actor actor = askerActor(question, userId);
        change.push("messages", new Message(messageId, MessageKind.FOLLOW_UP, userId, actor.role(), actor.name(),
                text.strip(), files, null, null, change.now()));
        if (question.status() == Status.ANSWERED && question.claim() != null) {
            // back to the advisor who answered: they know the case; an unrenewed lease returns it to the queue
            change.set("claim", new Question.Claim(question.claim().advisorId(), question.claim().userId(),
                            question.claim().advisorName(), change.now(), change.now().plus(properties.lease())))
                    .to(Status.CLAIMED, "FOLLOWED_UP", actor, "追问，交回原答复顾问");
        } else {
            change.record("FOLLOWED_UP", actor, null);
        }
        return Mono.just(question.status() == Status.OPEN ? change : change.notice("followed-up"));
    }

    Mono<QuestionView> rate(CurrentUser user, String id, RatingForm form) {
        return store.update(id, question -> {
                    if (!question.isAskedBy(user.id())) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    if (question.rating() != null) {
                        return Mono.error(QuestionProblems.alreadyRated());
                    }
                    if (question.lastAnswer() == null
                            || question.status() != Status.ANSWERED && question.status() != Status.CLOSED) {
                        return Mono.error(QuestionProblems.wrongState("问题还没有答复，答复后才能评价。"));
                    }
                    Change change = store.change(question);
                    List<String> tags = form.tags() == null ? List.of() : form.tags().stream().map(String::strip).toList();
                    return Mono.just(change.set("rating", new Rating(form.stars(), tags,
                                    form.comment() == null ? null : form.comment().strip(), change.now()))
                            .record("RATED", askerActor(question, user.id()), form.stars() + " 星"));
                })
                .flatMap(question -> view(question, user));
    }

    Mono<QuestionView> reopen(CurrentUser user, String id) {
        return toTheEnd(store.update(id, question -> {
                    if (!question.isAskedBy(user.id())) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    Instant until = presenter.reopenUntil(question);
                    if (until == null) {
                        return Mono.error(QuestionProblems.wrongState("问题还在处理中，不需要重新打开。"));
                    }
                    Change change = store.change(question);
                    if (!change.now().isBefore(until)) {
                        return Mono.error(QuestionProblems.reopenExpired(properties.reopenWithin().toDays()));
                    }
                    return Mono.just(change.set("poolLevel", PoolLevel.VILLAGE).unset("closedAt")
                            .set("escalateAt", change.now().plus(firstWait(question.priority() < 2)))
                            .to(Status.OPEN, "REOPENED", askerActor(question, user.id()), null)
                            .notice("reopened"));
                })
                .flatMap(notices::flush)
                .flatMap(question -> view(question, user)));
    }

    private static Actor askerActor(Question question, String userId) {
        return new Actor(userId, question.askerName(), question.neighbour() != null ? Role.NAVIGATOR : Role.RESIDENT);
    }

    // ---- the Official Account ----

    @Override
    public Mono<Receipt> fromOfficialAccount(InboundMessage message) {
        String requestKey = "oa/" + message.messageId();
        String messageId = "oa-" + message.messageId();
        Mono<Receipt> filedBefore = mongo.findOne(query(where("requestKey").is(requestKey)), Question.class)
                .map(found -> new Receipt(found.id(), false))
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(query(where("askedBy").is(message.userId())
                        .and("messages.id").is(messageId)), Question.class).map(found -> new Receipt(found.id(), true))));
        return toTheEnd(filedBefore.switchIfEmpty(Mono.defer(() -> users.findById(message.userId())
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("unknown user " + message.userId())))
                .flatMap(asker -> check(asker, message.text())
                        // no form to correct on the Official Account: risky text waits for an admin instead
                        .onErrorResume(ApiProblem.class, refused -> Mono.just(ContentCheck.REVIEW))
                        .flatMap(check -> fileOfficialAccountMessage(message, asker, check, requestKey, messageId))))));
    }

    private Mono<Receipt> fileOfficialAccountMessage(InboundMessage message, User asker, ContentCheck check,
            String requestKey, String messageId) {
        String text = bounded(message.text());
        Mono<Receipt> followUp = handling(message.userId(), message.receivedAt())
                .flatMap(open -> store.update(open.id(),
                        question -> followUpChange(question, asker.id(), messageId, text, List.of())))
                .flatMap(notices::flush)
                .map(question -> new Receipt(question.id(), true));
        return followUp.switchIfEmpty(Mono.defer(() -> insert(newQuestion(new ObjectId().toHexString(), requestKey,
                        message.villageCode(), LegalTopic.OTHER, text, List.of(), false, false, Channel.OFFICIAL_ACCOUNT,
                        check, asker, null, false, null, message.receivedAt()))
                .flatMap(notices::flush)
                .map(question -> new Receipt(question.id(), false))));
    }

    /** The sender's question still being handled, which a new message follows up. */
    private Mono<Question> handling(String userId, Instant at) {
        return mongo.findOne(query(where("askedBy").is(userId).orOperator(
                        where("status").in(Status.OPEN, Status.CLAIMED),
                        where("status").is(Status.ANSWERED).and("answeredAt").gt(at.minus(properties.followUpWithin()))))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")), Question.class);
    }

    private static String bounded(String text) {
        String stripped = text.strip();
        return stripped.length() > QuestionForms.MAX_TEXT ? stripped.substring(0, QuestionForms.MAX_TEXT) : stripped;
    }

    static boolean isResident(CurrentUser user) {
        return user.roles().contains(Role.RESIDENT) || user.roles().contains(Role.NAVIGATOR);
    }

    /**
     * Runs a multi-step change to its end even when the client goes away (WebFlux cancels a request's chain when the
     * connection closes); the answer is dropped, the work is not.
     */
    static <T> Mono<T> toTheEnd(Mono<T> steps) {
        return Mono.defer(() -> Mono.fromFuture(steps.toFuture(), true));
    }
}
