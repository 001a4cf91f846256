package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FileStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Photos, voice clips and documents of questions and answers. Uploaded one at a time (the mini-program's
 * {@code wx.uploadFile} sends one file per request), then taken by a question in one conditional update per
 * file, so a file is never shared by two questions and a refused question leaves its files free to try again.
 */
@Component
class QuestionAttachments {

    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    static final int MAX_VOICE_BYTES = 2 * 1024 * 1024;
    private static final Duration ORPHAN_AFTER = Duration.ofMinutes(10);
    private static final Duration ORPHAN_LOOKBACK = Duration.ofHours(2);

    private static final Set<FileStore.Kind> ACCEPTED = Set.of(FileStore.Kind.JPEG, FileStore.Kind.PNG,
            FileStore.Kind.PDF, FileStore.Kind.MP3, FileStore.Kind.AAC, FileStore.Kind.M4A, FileStore.Kind.WAV);

    private final ReactiveMongoTemplate mongo;
    private final FileStore files;
    private final Clock clock;

    QuestionAttachments(ReactiveMongoTemplate mongo, FileStore files, Clock clock) {
        this.mongo = mongo;
        this.files = files;
        this.clock = clock;
    }

    Mono<QuestionAttachment> upload(CurrentUser user, FilePart file) {
        return files.storeFile(file, ACCEPTED, MAX_FILE_BYTES, "file", "question")
                .flatMap(stored -> {
                    if (stored.kind().isAudio() && stored.bytes() > MAX_VOICE_BYTES) {
                        return files.delete(stored.id()).then(Mono.error(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE,
                                "FILE_TOO_LARGE", "文件过大", "语音不能超过 2 MB（约 2 分钟）。")));
                    }
                    QuestionAttachment.Kind kind = stored.kind().isAudio() ? QuestionAttachment.Kind.VOICE
                            : stored.kind() == FileStore.Kind.PDF ? QuestionAttachment.Kind.DOCUMENT
                            : QuestionAttachment.Kind.IMAGE;
                    return mongo.insert(new QuestionAttachment(new ObjectId().toHexString(), stored.id(), user.id(),
                            kind, stored.kind().mediaType().toString(), stored.bytes(), clock.instant(), null, null));
                });
    }

    /**
     * Gives the user's free uploads {@code ids} to the question, checking each has an allowed kind. All or none:
     * when one cannot be taken, those taken are given back.
     */
    Mono<List<QuestionAttachment>> take(CurrentUser user, List<String> ids, Set<QuestionAttachment.Kind> allowed,
            String questionId, String field) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        if (ids.stream().distinct().count() != ids.size() || !ids.stream().allMatch(ObjectId::isValid)) {
            return Mono.error(ApiProblem.invalid(field, "附件编号无效或重复。"));
        }
        return mongo.find(query(where("_id").in(ids).and("ownerId").is(user.id())), QuestionAttachment.class)
                .collectList()
                .flatMap(found -> {
                    if (found.size() != ids.size() || found.stream().anyMatch(file -> file.questionId() != null)) {
                        return Mono.error(ApiProblem.invalid(field, "附件不存在、已被使用或不是您上传的，请重新上传。"));
                    }
                    if (found.stream().anyMatch(file -> !allowed.contains(file.kind()))) {
                        return Mono.error(ApiProblem.invalid(field, "附件类型不符合要求。"));
                    }
                    return Flux.fromIterable(ids)
                            .concatMap(id -> mongo.updateFirst(query(where("_id").is(id).and("ownerId").is(user.id())
                                            .and("questionId").is(null)), Update.update("questionId", questionId).set("takenAt", clock.instant()),
                                    QuestionAttachment.class))
                            .all(result -> result.getModifiedCount() == 1)
                            .flatMap(all -> all ? Mono.just(found)
                                    : giveBack(questionId, ids).then(Mono.error(ApiProblem.invalid(field,
                                            "附件已被其他提问使用，请重新上传。"))));
                });
    }

    /** Frees files a question took when the question was not stored after all. */
    Mono<Void> giveBack(String questionId, List<String> ids) {
        return ids.isEmpty() ? Mono.empty()
                : mongo.updateMulti(query(where("_id").in(ids).and("questionId").is(questionId)),
                        new Update().unset("questionId").unset("takenAt"), QuestionAttachment.class).then();
    }

    Mono<List<QuestionAttachment>> of(List<String> ids) {
        return ids == null || ids.isEmpty() ? Mono.just(List.of())
                : mongo.find(query(where("_id").in(ids)), QuestionAttachment.class).collectList();
    }

    Mono<FileStore.Content> load(QuestionAttachment attachment) {
        return files.load(attachment.fileId());
    }

    Mono<QuestionAttachment> find(String id) {
        return ObjectId.isValid(id) ? mongo.findById(id, QuestionAttachment.class) : Mono.empty();
    }

    /**
     * Deletes uploads no question took before {@code olderThan}, and files taken by a question that was never
     * stored (a crash between the two steps); those are looked for among files taken in the last two hours, at
     * least ten minutes ago, so the look stays small.
     */
    Mono<Long> removeUnused(Instant olderThan) {
        Instant now = clock.instant();
        return mongo.find(query(where("createdAt").lt(olderThan).and("questionId").is(null)), QuestionAttachment.class)
                .concatWith(mongo.find(query(where("takenAt").gt(now.minus(ORPHAN_LOOKBACK)).lt(now.minus(ORPHAN_AFTER))),
                                QuestionAttachment.class)
                        .filterWhen(file -> mongo.exists(query(where("_id").is(file.questionId())), Question.class)
                                .map(exists -> !exists)))
                .concatMap(file -> files.delete(file.fileId())
                        .then(mongo.remove(query(where("_id").is(file.id())), QuestionAttachment.class)))
                .count();
    }
}
