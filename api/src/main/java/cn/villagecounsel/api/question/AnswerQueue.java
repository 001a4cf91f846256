package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.AdvisorCard;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.Article;
import cn.villagecounsel.api.question.Question.Claim;
import cn.villagecounsel.api.question.Question.Message;
import cn.villagecounsel.api.question.Question.MessageKind;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionAccess.Viewer;
import cn.villagecounsel.api.question.QuestionAttachment.Kind;
import cn.villagecounsel.api.question.QuestionForms.AnswerForm;
import cn.villagecounsel.api.question.QuestionForms.ReferralForm;
import cn.villagecounsel.api.question.QuestionForms.ReviewForm;
import cn.villagecounsel.api.question.QuestionForms.TransferForm;
import cn.villagecounsel.api.question.QuestionStore.Actor;
import cn.villagecounsel.api.question.QuestionStore.Change;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;

/**
 * The answering side: the queue an advisor may claim from, and what the holder of a question does with it; admins'
 * review of held questions and closing. A claim is one compare-and-set on the question's revision from "claimable"
 * (open, or held on a lease that ran out) to held by this advisor: of any number of advisors at once, exactly one
 * wins and the others are told {@code ALREADY_CLAIMED}.
 */
@Service
class AnswerQueue {

    private static final Criteria CLAIMABLE_STATUS = where("status").in(Status.OPEN, Status.CLAIMED);

    private final ReactiveMongoTemplate mongo;
    private final QuestionStore store;
    private final QuestionAccess access;
    private final QuestionPresenter presenter;
    private final QuestionNotices notices;
    private final QuestionAttachments attachments;
    private final QuestionService questions;
    private final Assignments assignments;
    private final CannedAnswerService canned;
    private final RegionDirectory regions;
    private final QuestionProperties properties;
    private final Clock clock;

    AnswerQueue(ReactiveMongoTemplate mongo, QuestionStore store, QuestionAccess access, QuestionPresenter presenter,
            QuestionNotices notices, QuestionAttachments attachments, QuestionService questions,
            Assignments assignments, CannedAnswerService canned, RegionDirectory regions, QuestionProperties properties,
            Clock clock) {
        this.canned = canned;
        this.regions = regions;
        this.mongo = mongo;
        this.store = store;
        this.access = access;
        this.presenter = presenter;
        this.notices = notices;
        this.attachments = attachments;
        this.questions = questions;
        this.assignments = assignments;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- the queue ----

    /** What the advisor may claim now: urgent first, then green channel, then the longest waiting. */
    Mono<Page> queue(CurrentUser user, String cursor, int limit) {
        if (limit < 1 || limit > QuestionService.MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 50 之间。"));
        }
        return advisor(user).flatMap(viewer -> {
            Instant now = clock.instant();
            Criteria claimable = new Criteria().andOperator(viewer.poolCriteria(), new Criteria().orOperator(
                    where("status").is(Status.OPEN),
                    where("status").is(Status.CLAIMED).and("claim.leaseUntil").lt(now)));
            Criteria page = cursor == null ? claimable : new Criteria().andOperator(claimable, after(cursor));
            return mongo.find(query(page).with(Sort.by("priority", "askedAt", "_id")).limit(limit + 1), Question.class)
                    .collectList()
                    .flatMap(found -> {
                        boolean more = found.size() > limit;
                        List<Question> shown = more ? found.subList(0, limit) : found;
                        return presenter.items(shown).map(items -> new Page(items,
                                more ? cursorOf(shown.get(shown.size() - 1)) : null));
                    });
        });
    }

    /** The questions this advisor holds, the soonest lease to run out first. */
    Mono<Page> mine(CurrentUser user) {
        return advisor(user).flatMap(viewer -> mongo.find(query(where("status").is(Status.CLAIMED)
                                .and("claim.advisorId").is(viewer.advisorId())).with(Sort.by("claim.leaseUntil")),
                        Question.class).collectList())
                .flatMap(held -> presenter.items(held).map(items -> new Page(items, null)));
    }

    private static String cursorOf(Question last) {
        String raw = last.priority() + "|" + last.askedAt().toEpochMilli() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyset paging on (priority, askedAt, id). */
    private static Criteria after(String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException malformed) {
            parts = new String[0];
        }
        if (parts.length != 3 || !parts[0].matches("\\d") || !parts[1].matches("\\d{1,15}") || !ObjectId.isValid(parts[2])) {
            throw ApiProblem.invalid("cursor", "翻页游标无效。");
        }
        int priority = Integer.parseInt(parts[0]);
        Instant askedAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        return new Criteria().orOperator(
                where("priority").gt(priority),
                where("priority").is(priority).and("askedAt").gt(askedAt),
                where("priority").is(priority).and("askedAt").is(askedAt).and("_id").gt(new ObjectId(parts[2])));
    }

    private Mono<Viewer> advisor(CurrentUser user) {
        return access.viewer(user).filter(Viewer::isAdvisor)
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("只有法律顾问可以使用问题队列。")));
    }

    // ---- claiming ----

    Mono<QuestionView> claim(CurrentUser user, String id) {
        return advisor(user).flatMap(viewer -> held(viewer)
                .flatMap(holding -> store.update(id, question -> {
                    if (!viewer.mayRead(question)) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    if (question.heldBy(viewer.advisorId())) {
                        return Mono.just(renewal(question)); // a second tap renews
                    }
                    if (!viewer.inPool(question)) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    Instant now = clock.instant();
                    if (!question.claimable(now)) {
                        return Mono.error(question.status() == Status.CLAIMED ? QuestionProblems.alreadyClaimed()
                                : QuestionProblems.wrongState("该问题" + question.status().label() + "，不能认领。"));
                    }
                    if (holding >= properties.maxClaims()) {
                        return Mono.error(QuestionProblems.claimLimit(properties.maxClaims()));
                    }
                    Change change = store.change(question);
                    if (question.status() == Status.CLAIMED) {
                        change.record("LEASE_EXPIRED", Actor.SYSTEM, question.claim().advisorName() + " 的认领已到期")
                                .notice("lease-expired:" + question.claim().userId());
                    }
                    return Mono.just(change.set("claim", claimOf(viewer, change.now(), properties.lease()))
                            .set("firstClaimedAt", question.firstClaimedAt() == null ? change.now() : question.firstClaimedAt())
                            .addToSet("involvedAdvisorIds", viewer.advisorId())
                            .to(Status.CLAIMED, "CLAIMED", actorOf(viewer), null));
                }))
                .flatMap(notices::flush)
                .flatMap(question -> presenter.view(question, viewer)));
    }

    /** The questions the advisor holds now; the cap is checked against it (two claims by one advisor at once may pass it by one). */
    private Mono<Long> held(Viewer viewer) {
        return mongo.count(query(where("status").is(Status.CLAIMED).and("claim.advisorId").is(viewer.advisorId())
                .and("claim.leaseUntil").gt(clock.instant())), Question.class);
    }

    Mono<QuestionView> renew(CurrentUser user, String id) {
        return holderAction(user, id, (viewer, question) -> Mono.just(renewal(question)));
    }

    private Change renewal(Question question) {
        Change change = store.change(question);
        return change.set("claim.leaseUntil", change.now().plus(properties.lease()));
    }

    Mono<QuestionView> answer(CurrentUser user, String id, AnswerForm form) {
        List<String> files = form.attachmentIds() == null ? List.of() : form.attachmentIds();
        Article article = form.article() == null ? null : new Article(form.article().title().strip(), form.article().url());
        return withFiles(user, id, files, (viewer, question) -> {
            Change change = store.change(question);
            String messageId = new ObjectId().toHexString();
            return Mono.just(change.push("messages", new Message(messageId, MessageKind.ANSWER, user.id(), Role.ADVISOR,
                            viewer.advisorName(), form.text().strip(), files, article, null, change.now()))
                    .set("firstAnsweredAt", question.firstAnsweredAt() == null ? change.now() : question.firstAnsweredAt())
                    .set("answeredAt", change.now())
                    .set("lastAnswererId", viewer.advisorId())
                    .to(Status.ANSWERED, "ANSWERED", actorOf(viewer), null)
                    .notice("answered:" + messageId));
        });
    }

    Mono<QuestionView> refer(CurrentUser user, String id, ReferralForm form) {
        return holderAction(user, id, (viewer, question) -> {
            Change change = store.change(question);
            String messageId = new ObjectId().toHexString();
            return Mono.just(change.push("messages", new Message(messageId, MessageKind.REFERRAL, user.id(), Role.ADVISOR,
                            viewer.advisorName(), form.text().strip(), List.of(), null, form.kind(), change.now()))
                    .set("firstAnsweredAt", question.firstAnsweredAt() == null ? change.now() : question.firstAnsweredAt())
                    .set("answeredAt", change.now())
                    .set("lastAnswererId", viewer.advisorId())
                    .to(Status.ANSWERED, "REFERRED", actorOf(viewer), form.kind().label())
                    .notice("referred:" + messageId));
        });
    }

    Mono<QuestionView> release(CurrentUser user, String id, String note) {
        return holderAction(user, id, (viewer, question) -> Mono.just(store.change(question)
                .to(Status.OPEN, "RELEASED", actorOf(viewer), blankToNull(note))));
    }

    Mono<QuestionView> transfer(CurrentUser user, String id, TransferForm form) {
        return assignments.advisorExists(form.advisorId())
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("advisorId", "没有找到这位法律顾问。")))
                .then(Mono.zip(assignments.villagesServedBy(form.advisorId()).collectList(),
                        assignments.userIdOfAdvisor(form.advisorId()).defaultIfEmpty(""),
                        assignments.names(List.of(form.advisorId()))))
                .flatMap(target -> holderAction(user, id, (viewer, question) -> {
                    if (form.advisorId().equals(viewer.advisorId())) {
                        return Mono.error(ApiProblem.invalid("advisorId", "不能转给自己。"));
                    }
                    if (target.getT2().isEmpty()
                            || target.getT1().stream().noneMatch(village -> RegionCodes.covers(question.countyCode(), village))) {
                        return Mono.error(ApiProblem.invalid("advisorId", "只能转给本县在岗且有账号的法律顾问。"));
                    }
                    Change change = store.change(question);
                    String name = target.getT3().get(form.advisorId());
                    return Mono.just(change.set("claim", new Claim(form.advisorId(), target.getT2(), name, change.now(),
                                    change.now().plus(properties.transferLease())))
                            .addToSet("involvedAdvisorIds", form.advisorId())
                            .record("TRANSFERRED", actorOf(viewer), "转给 " + name + "：" + form.note().strip())
                            .notice("transferred"));
                }));
    }

    /**
     * Who the holder may hand the question to: the county's advisors but the holder, the village's own first.
     */
    Mono<List<TransferCandidate>> transferCandidates(CurrentUser user, String id) {
        return advisor(user).flatMap(viewer -> store.find(id).switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> access.readable(viewer, question))
                .flatMap(question -> question.heldBy(viewer.advisorId()) ? Mono.just(question)
                        : Mono.error(QuestionProblems.notHolder()))
                .flatMap(question -> assignments.advisorsServingIn(question.countyCode())
                        .filter(advisorId -> !advisorId.equals(viewer.advisorId()))
                        .collectList()
                        .flatMap(ids -> Mono.zip(assignments.names(ids), assignments.advisorsOf(List.of(question.villageCode()))))
                        .map(found -> {
                            List<String> own = found.getT2().getOrDefault(question.villageCode(), List.of()).stream()
                                    .map(AdvisorCard::id).toList();
                            return found.getT1().entrySet().stream()
                                    .map(advisor -> new TransferCandidate(advisor.getKey(), advisor.getValue(),
                                            own.contains(advisor.getKey())))
                                    .sorted(Comparator.comparing((TransferCandidate candidate) -> !candidate.servesVillage())
                                            .thenComparing(TransferCandidate::name))
                                    .toList();
                        })));
    }

    @Schema(name = "TransferCandidate", description = "可转交的法律顾问（本县在岗），本村顾问在前")
    record TransferCandidate(String advisorId, @Schema(example = "李文博") String name,
            @Schema(description = "是否本村的法律顾问") boolean servesVillage) {
    }

    /** The holder, the asker or an admin in scope marks the question resolved. */
    Mono<QuestionView> close(CurrentUser user, String id, String note) {
        return access.viewer(user).flatMap(viewer -> QuestionService.toTheEnd(store.update(id, question -> {
                    if (!viewer.mayRead(question)) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    boolean allowed = question.isAskedBy(user.id()) || viewer.isAdminFor(question)
                            || viewer.isAdvisor() && question.heldBy(viewer.advisorId());
                    if (!allowed) {
                        return Mono.error(ApiProblem.forbidden("只有提问人、处理中的法律顾问或管理员可以关闭问题。"));
                    }
                    if (!EnumSet.of(Status.OPEN, Status.CLAIMED, Status.ANSWERED).contains(question.status())) {
                        return Mono.error(QuestionProblems.wrongState("该问题" + question.status().label() + "，不能关闭。"));
                    }
                    Change change = store.change(question);
                    Actor actor = question.isAskedBy(user.id())
                            ? new Actor(user.id(), question.askerName(), question.neighbour() != null ? Role.NAVIGATOR : Role.RESIDENT)
                            : viewer.isAdvisor() && question.heldBy(viewer.advisorId()) ? actorOf(viewer)
                            : new Actor(user.id(), user.name(), Role.ADMIN);
                    return Mono.just(change.set("closedAt", change.now()).to(Status.CLOSED, "CLOSED", actor, blankToNull(note)));
                }))
                .flatMap(question -> presenter.view(question, viewer)));
    }

    /** An admin decides on a question WeChat's check held for review. */
    Mono<QuestionView> review(CurrentUser user, String id, ReviewForm form) {
        return access.viewer(user).flatMap(viewer -> QuestionService.toTheEnd(store.update(id, question -> {
                    if (!viewer.isAdminFor(question)) {
                        return Mono.error(viewer.mayRead(question)
                                ? ApiProblem.forbidden("只有所属区划的管理员可以审核问题。") : QuestionProblems.notFound());
                    }
                    if (question.status() != Status.HELD_FOR_REVIEW) {
                        return Mono.error(QuestionProblems.wrongState("问题不在待审核状态。"));
                    }
                    Change change = store.change(question);
                    Actor admin = new Actor(user.id(), user.name(), Role.ADMIN);
                    if (form.decision() == ReviewForm.Decision.APPROVE) {
                        return Mono.just(change.set("escalateAt", change.now().plus(questions.firstWait(question.priority() < 2)))
                                .to(Status.OPEN, "APPROVED", admin, blankToNull(form.reason()))
                                .notice("asked"));
                    }
                    if (form.reason() == null || form.reason().isBlank()) {
                        return Mono.error(ApiProblem.invalid("reason", "驳回时请填写原因。"));
                    }
                    return Mono.just(change.set("closedAt", change.now())
                            .to(Status.REJECTED, "REJECTED", admin, form.reason().strip()).notice("rejected"));
                }))
                .flatMap(notices::flush)
                .flatMap(question -> presenter.view(question, viewer)));
    }

    /** A canned answer filled in for the question, for the advisor to edit before sending. */
    Mono<Rendered> render(CurrentUser user, String id, String cannedId) {
        return advisor(user).flatMap(viewer -> store.find(id).switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> access.readable(viewer, question))
                .flatMap(question -> canned.usableBy(user, cannedId)
                        .flatMap(template -> Mono.zip(regions.find(question.villageCode()).map(RegionView::name)
                                                .defaultIfEmpty(""),
                                        publicPhone(viewer, question.villageCode()))
                                .map(found -> new Rendered(CannedAnswers.fill(template.text(), Map.of(
                                        CannedAnswers.VILLAGE, found.getT1(),
                                        CannedAnswers.ASKER, question.neighbour() != null ? question.neighbour().name()
                                                : nullToEmpty(question.askerName()),
                                        CannedAnswers.ADVISOR_NAME, nullToEmpty(viewer.advisorName()),
                                        CannedAnswers.ADVISOR_PHONE, found.getT2(),
                                        CannedAnswers.MATTER, question.topic().label())))))));
    }

    @Schema(name = "RenderedCannedAnswer", description = "按问题填好变量的常用回复")
    record Rendered(String text) {
    }

    /** The advisor's public phone as the village's notice board shows it (empty when unknown: it is left to fill). */
    private Mono<String> publicPhone(Viewer viewer, String villageCode) {
        List<String> villages = new ArrayList<>(viewer.villages());
        villages.add(villageCode);
        return assignments.advisorsOf(villages)
                .map(byVillage -> byVillage.values().stream().flatMap(List::stream)
                        .filter(card -> card.id().equals(viewer.advisorId()) && card.publicPhone() != null)
                        .map(AdvisorCard::publicPhone).findFirst().orElse(""));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    // ---- plumbing ----

    private interface HolderChange {
        Mono<Change> decide(Viewer viewer, Question question);
    }

    /** A change only the advisor holding the question may make. */
    private Mono<QuestionView> holderAction(CurrentUser user, String id, HolderChange decide) {
        return advisor(user).flatMap(viewer -> QuestionService.toTheEnd(store.update(id, question -> {
                    if (!viewer.mayRead(question)) {
                        return Mono.error(QuestionProblems.notFound());
                    }
                    return question.heldBy(viewer.advisorId()) ? decide.decide(viewer, question)
                            : Mono.error(QuestionProblems.notHolder());
                }))
                .flatMap(notices::flush)
                .flatMap(question -> presenter.view(question, viewer)));
    }

    /** A holder's change with files: they are taken first and given back if the change does not happen. */
    private Mono<QuestionView> withFiles(CurrentUser user, String id, List<String> files, HolderChange decide) {
        if (files.isEmpty()) {
            return holderAction(user, id, decide);
        }
        return store.find(id).switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> attachments.take(user, files, EnumSet.allOf(Kind.class), id, "attachmentIds"))
                .then(holderAction(user, id, decide)
                        .onErrorResume(failure -> attachments.giveBack(id, files).then(Mono.error(failure))));
    }

    private static Claim claimOf(Viewer viewer, Instant now, Duration lease) {
        return new Claim(viewer.advisorId(), viewer.user().id(), viewer.advisorName(), now, now.plus(lease));
    }

    private static Actor actorOf(Viewer viewer) {
        return new Actor(viewer.user().id(), viewer.advisorName(), Role.ADVISOR);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
