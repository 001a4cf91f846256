package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.HistoryEntry;
import cn.villagecounsel.api.question.Question.PendingNotice;
import cn.villagecounsel.api.question.Question.Status;
import reactor.core.publisher.Mono;

/**
 * Every change of a question: read it, decide, and write with a compare-and-set on its revision. A change that
 * lost to another one is decided again on the fresh question (bounded), so a claim racing an escalation still
 * succeeds, and two claims never both do. The history entry and the notices to send are written in the same
 * update as the state they describe.
 */
@Component
class QuestionStore {

    private static final int ATTEMPTS = 4;

    /** The person making a change, as the history records them. */
    record Actor(String id, String name, Role role) {

        static final Actor SYSTEM = new Actor("system", "系统", null);
    }

    /** What a change does: an update plus the history entry and notices that go with it. */
    static final class Change {

        private final Update update = new Update();
        private final List<HistoryEntry> history = new ArrayList<>();
        private final List<PendingNotice> notices = new ArrayList<>();
        private final Question question;
        private final Instant now;

        private Change(Question question, Instant now) {
            this.question = question;
            this.now = now;
        }

        Change set(String field, Object value) {
            update.set(field, value);
            return this;
        }

        Change unset(String field) {
            update.unset(field);
            return this;
        }

        Change push(String field, Object value) {
            update.push(field, value);
            return this;
        }

        Change addToSet(String field, Object value) {
            update.addToSet(field, value);
            return this;
        }

        /** Moves to {@code status} and records it. */
        Change to(Status status, String action, Actor actor, String note) {
            update.set("status", status);
            return record(action, actor, status, note);
        }

        /** Records an action that keeps the status. */
        Change record(String action, Actor actor, String note) {
            return record(action, actor, question.status(), note);
        }

        private Change record(String action, Actor actor, Status to, String note) {
            history.add(new HistoryEntry(now, action, actor.id(), actor.name(), actor.role(), question.status(), to, note));
            return this;
        }

        /** Notifications to queue for this change; the key makes them unique per event. */
        Change notice(String event) {
            notices.add(new PendingNotice(event, event + ":" + now.toEpochMilli(), now));
            return this;
        }

        Instant now() {
            return now;
        }

        private Update build() {
            if (!history.isEmpty()) {
                update.push("history").each(history.toArray());
            }
            if (!notices.isEmpty()) {
                update.push("pendingNotices").each(notices.toArray());
            }
            return update.inc("revision", 1).set("updatedAt", now);
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    QuestionStore(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Mono<Question> find(String id) {
        return ObjectId.isValid(id) ? mongo.findById(id, Question.class) : Mono.empty();
    }

    Mono<Question> insert(Question question) {
        return mongo.insert(question);
    }

    /** A change to apply to {@code question} as it is now. */
    Change change(Question question) {
        return new Change(question, clock.instant());
    }

    /**
     * Applies {@code decide}'s change to the question with compare-and-set on its revision, deciding again on the
     * fresh question when another change came first. {@code decide} errors to refuse; it may be asked more than once.
     */
    Mono<Question> update(String id, Function<Question, Mono<Change>> decide) {
        return attempt(id, decide, ATTEMPTS);
    }

    private Mono<Question> attempt(String id, Function<Question, Mono<Change>> decide, int left) {
        return find(id)
                .switchIfEmpty(Mono.error(QuestionProblems::notFound))
                .flatMap(question -> decide.apply(question)
                        .flatMap(change -> mongo.findAndModify(
                                query(where("_id").is(question.id()).and("revision").is(question.revision())),
                                change.build(), FindAndModifyOptions.options().returnNew(true), Question.class))
                        .switchIfEmpty(Mono.defer(() -> left > 1 ? attempt(id, decide, left - 1)
                                : Mono.error(QuestionProblems.busy()))));
    }

    /** Takes a notice off the question once its notifications are queued. */
    Mono<Void> noticeSent(String questionId, String key) {
        return mongo.updateFirst(query(where("_id").is(questionId)),
                new Update().pull("pendingNotices", new org.bson.Document("key", key)), Question.class).then();
    }
}
