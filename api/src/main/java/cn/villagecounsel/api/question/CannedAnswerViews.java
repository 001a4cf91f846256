package cn.villagecounsel.api.question;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.question.CannedAnswer.Scope;
import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the canned-answer endpoints. */
final class CannedAnswerViews {

    private CannedAnswerViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CannedAnswer", description = "常用回复；text 中的 {村名} {提问人} {顾问姓名} {顾问电话} {事项} 在套用到某个问题时填入")
    record CannedAnswerView(
            @Schema(example = "6660a1b2c3d4e5f601234567") String id,
            Scope scope,
            @Schema(example = "个人") String scopeLabel,
            @Schema(description = "共享的常用回复所属区划", example = "621025100000") String regionCode,
            @Schema(example = "山河镇") String regionName,
            @Schema(example = "土地承包纠纷：先协商调解") String title,
            String text,
            LegalTopic topic,
            @Schema(example = "土地承包与流转") String topicLabel,
            @Schema(description = "编写人的用户编号") String createdBy,
            Instant createdAt,
            Instant updatedAt,
            @Schema(description = "修改时原样带回", example = "0") long revision,
            @Schema(description = "当前用户能否修改、删除") boolean editable) {
    }
}
