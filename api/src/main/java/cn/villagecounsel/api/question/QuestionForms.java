package cn.villagecounsel.api.question;

import java.util.List;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.question.Question.ConsentMethod;
import cn.villagecounsel.api.question.Question.Referral;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What people send to ask, follow up, rate and answer. */
final class QuestionForms {

    static final int MAX_TEXT = 2000;
    static final int MAX_FILES = 9;

    private QuestionForms() {
    }

    @Schema(name = "QuestionForm", description = "提一个法律问题（法律明白人可为邻居代问）")
    record AskForm(
            @NotNull(message = "请选择村（社区）") @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字")
            @Schema(example = "621025100201") String villageCode,
            @NotNull(message = "请选择咨询事项") LegalTopic topic,
            @NotBlank(message = "请写下您想咨询的问题") @Size(min = 5, max = MAX_TEXT, message = "问题内容应为 5 到 2000 个字")
            @Schema(example = "我家承包的三亩地被邻居占了一半，村里调解不成，该怎么办？") String text,
            @Size(max = MAX_FILES, message = "最多上传 9 张图片") @Schema(description = "已上传图片的编号") List<String> imageIds,
            @Size(max = 30, message = "语音编号无效") @Schema(description = "已上传语音的编号") String voiceId,
            @Schema(description = "情况紧急（如马上要签字、被强拆、人身安全）") Boolean urgent,
            @Schema(description = "绿色通道：老年人、残疾人、重病患者、未成年人") Boolean greenChannel,
            @Schema(description = "同意法律顾问打电话联系（否则顾问看到的号码是隐藏的）") Boolean callbackAllowed,
            @Pattern(regexp = Phones.CONTACT, message = "请填写正确的手机号或固定电话")
            @Schema(example = "13912345678") String contactPhone,
            @Valid @Schema(description = "法律明白人为邻居代问时填写") NeighbourForm forNeighbour) {

        List<String> images() {
            return imageIds == null ? List.of() : imageIds;
        }
    }

    @Schema(name = "QuestionNeighbour", description = "代问的邻居及其同意")
    record NeighbourForm(
            @NotBlank(message = "请填写邻居姓名") @Size(max = 20, message = "姓名不能超过 20 个字")
            @Schema(example = "王桂英") String name,
            @Pattern(regexp = Phones.CONTACT, message = "请填写正确的手机号或固定电话")
            @Schema(example = "13987654321") String phone,
            @NotNull(message = "请记录邻居的同意") @Valid ConsentForm consent) {
    }

    @Schema(name = "QuestionConsent", description = "邻居同意代问的方式：VERBAL 口头，WRITTEN 书面，THUMBPRINT 按手印")
    record ConsentForm(
            @NotNull(message = "请选择同意方式") ConsentMethod method,
            @Size(max = 100, message = "说明不能超过 100 个字") @Schema(example = "本人当面口头同意") String note) {
    }

    @Schema(name = "QuestionFollowUp", description = "追问或补充说明")
    record FollowUpForm(
            @NotBlank(message = "请填写内容") @Size(max = MAX_TEXT, message = "内容不能超过 2000 个字") String text,
            @Size(max = MAX_FILES, message = "最多上传 9 个附件") List<String> attachmentIds) {
    }

    @Schema(name = "QuestionRating", description = "对答复的评价")
    record RatingForm(
            @NotNull(message = "请选择评分") @Min(value = 1, message = "评分应为 1 到 5 星") @Max(value = 5, message = "评分应为 1 到 5 星")
            Integer stars,
            @Size(max = 5, message = "最多选 5 个标签")
            @Schema(example = "[\"解答清楚\", \"回复及时\"]") List<@NotBlank @Size(max = 10, message = "标签不能超过 10 个字") String> tags,
            @Size(max = 300, message = "评价不能超过 300 个字") String comment) {
    }

    @Schema(name = "QuestionAnswer", description = "顾问的答复，可附文件和一篇相关普法文章")
    record AnswerForm(
            @NotBlank(message = "请填写答复内容") @Size(max = MAX_TEXT, message = "答复不能超过 2000 个字") String text,
            @Size(max = MAX_FILES, message = "最多附 9 个文件") List<String> attachmentIds,
            @Valid ArticleForm article) {
    }

    @Schema(name = "QuestionArticle", description = "相关普法文章（服务+普法）")
    record ArticleForm(
            @NotBlank(message = "请填写文章标题") @Size(max = 60, message = "标题不能超过 60 个字") String title,
            @NotBlank(message = "请填写文章链接") @Size(max = 300, message = "链接过长")
            @Pattern(regexp = "^https://\\S+$", message = "文章链接应以 https:// 开头")
            @Schema(example = "https://www.12348.gov.cn/") String url) {
    }

    @Schema(name = "QuestionNote", description = "说明（可选）")
    record NoteForm(@Size(max = 200, message = "说明不能超过 200 个字") String note) {
    }

    @Schema(name = "QuestionTransfer", description = "转给指定的法律顾问")
    record TransferForm(
            @NotBlank(message = "请选择接手的法律顾问") @Size(max = 40, message = "顾问编号无效") String advisorId,
            @NotBlank(message = "请说明转交原因") @Size(max = 200, message = "说明不能超过 200 个字") String note) {
    }

    @Schema(name = "QuestionReferral", description = "转为预约面谈建议或法律援助引导")
    record ReferralForm(
            @NotNull(message = "请选择引导方式") Referral kind,
            @NotBlank(message = "请填写给群众的说明") @Size(max = MAX_TEXT, message = "说明不能超过 2000 个字") String text) {
    }

    @Schema(name = "QuestionReview", description = "审核被微信内容安全标记为“需人工审核”的问题")
    record ReviewForm(
            @NotNull(message = "请选择审核结果") Decision decision,
            @Size(max = 200, message = "原因不能超过 200 个字") String reason) {

        enum Decision {
            APPROVE, REJECT
        }
    }
}
