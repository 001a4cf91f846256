package cn.villagecounsel.api.question;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.Channel;
import cn.villagecounsel.api.question.Question.ContentCheck;
import cn.villagecounsel.api.question.Question.MessageKind;
import cn.villagecounsel.api.question.Question.PoolLevel;
import cn.villagecounsel.api.question.Question.Referral;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionAttachment.Kind;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the API shows of questions. */
final class QuestionViews {

    private QuestionViews() {
    }

    /** What the current user may do with a question now; pages show buttons from it. */
    enum Action {
        CLAIM, RENEW, ANSWER, RELEASE, TRANSFER, REFER, CLOSE, FOLLOW_UP, RATE, REOPEN, REVIEW
    }

    @Schema(name = "Question", description = "问题及其对话、处理记录")
    record QuestionView(
            String id,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "西坡村") String villageName,
            LegalTopic topic,
            @Schema(example = "土地承包与流转") String topicLabel,
            String text,
            Status status,
            @Schema(example = "待认领") String statusLabel,
            @Schema(description = "可认领范围：VILLAGE 本村顾问，TOWNSHIP 乡镇统筹，COUNTY 县级统筹") PoolLevel poolLevel,
            boolean urgent,
            boolean greenChannel,
            Channel channel,
            @Schema(description = "微信内容安全检查：PASS 通过，REVIEW 需人工审核，UNCHECKED 未能检查") ContentCheck contentCheck,
            AskerView asker,
            List<AttachmentView> attachments,
            @JsonInclude(JsonInclude.Include.ALWAYS) ClaimView claim,
            List<MessageView> messages,
            List<HistoryView> history,
            @JsonInclude(JsonInclude.Include.ALWAYS) RatingView rating,
            Instant askedAt,
            Instant firstClaimedAt,
            Instant firstAnsweredAt,
            Instant closedAt,
            @Schema(description = "在此之前可重新打开") Instant reopenUntil,
            @Schema(description = "无人认领时将在此时扩大到乡镇或县级统筹") Instant escalateAt,
            List<Action> actions) {
    }

    @Schema(name = "QuestionAsker", description = "提问人；电话对顾问隐藏，除非提问人同意顾问来电")
    record AskerView(
            @Schema(example = "张秀兰") String name,
            @Schema(example = "139****5678") String phone,
            boolean callbackAllowed,
            @Schema(description = "是否由法律明白人代问") boolean forNeighbour,
            @Schema(description = "代问的法律明白人") String navigatorName) {
    }

    @Schema(name = "QuestionAttachmentView", description = "附件")
    record AttachmentView(String id, Kind kind, @Schema(example = "image/jpeg") String mediaType, long bytes) {

        static AttachmentView of(QuestionAttachment attachment) {
            return new AttachmentView(attachment.id(), attachment.kind(), attachment.mediaType(), attachment.bytes());
        }
    }

    @Schema(name = "QuestionClaim", description = "认领情况")
    record ClaimView(String advisorId, @Schema(example = "李文博") String advisorName, Instant claimedAt,
            @Schema(description = "认领到期时间，顾问处理中会自动续期") Instant leaseUntil) {
    }

    @Schema(name = "QuestionMessage", description = "对话中的一条（只追加，不修改）")
    record MessageView(String id, MessageKind kind, String authorName, Role authorRole, String text,
            List<AttachmentView> attachments, Question.Article article, Referral referral,
            @Schema(example = "建议预约面谈") String referralLabel, Instant at) {
    }

    @Schema(name = "QuestionHistory", description = "处理记录：谁在何时做了什么")
    record HistoryView(Instant at, @Schema(example = "CLAIMED") String action, String actorName, Role actorRole,
            Status fromStatus, Status toStatus, String note) {

        static HistoryView of(Question.HistoryEntry entry) {
            return new HistoryView(entry.at(), entry.action(), entry.actorName(), entry.actorRole(), entry.fromStatus(),
                    entry.toStatus(), entry.note());
        }
    }

    @Schema(name = "QuestionRatingView", description = "提问人的评价")
    record RatingView(int stars, List<String> tags, String comment, Instant at) {

        static RatingView of(Question.Rating rating) {
            return rating == null ? null : new RatingView(rating.stars(), rating.tags(), rating.comment(), rating.at());
        }
    }

    @Schema(name = "QueueItem", description = "列表中的问题（不含提问人信息）")
    record QueueItem(
            String id,
            String villageCode,
            @Schema(example = "西坡村") String villageName,
            LegalTopic topic,
            String topicLabel,
            @Schema(description = "问题开头 80 个字") String excerpt,
            Status status,
            String statusLabel,
            PoolLevel poolLevel,
            boolean urgent,
            boolean greenChannel,
            Instant askedAt,
            Instant escalateAt,
            Instant leaseUntil,
            @Schema(description = "是否已有答复") boolean answered) {
    }

    @Schema(name = "QuestionPage", description = "一页问题；nextCursor 为空表示没有更多")
    record Page(List<QueueItem> items, String nextCursor) {
    }
}
