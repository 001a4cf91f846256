package cn.villagecounsel.api.question;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Optional;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.question.CannedAnswer.Scope;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies of the canned-answer endpoints. */
final class CannedAnswerForms {

    static final int MAX_TITLE = 40;
    static final int MAX_TEXT = 2000;

    private CannedAnswerForms() {
    }

    @Schema(name = "NewCannedAnswer", description = "新的常用回复")
    record NewCannedAnswer(
            @NotNull(message = "请选择个人或共享") @Schema(example = "PERSONAL") Scope scope,
            @Pattern(regexp = "\\d{12}", message = "区划代码应为 12 位数字")
            @Schema(description = "共享到的乡镇（街道）或县（区）；仅共享的常用回复填写", example = "621025100000")
            String regionCode,
            @NotBlank(message = "请填写标题") @Size(max = MAX_TITLE, message = "标题不能超过 40 个字")
            @Schema(example = "土地承包纠纷：先协商调解") String title,
            @NotBlank(message = "请填写回复内容") @Size(max = MAX_TEXT, message = "回复内容不能超过 2000 个字")
            @Schema(example = "{提问人}您好：关于您反映的{事项}，建议先请{村名}村委会调解。如需当面咨询，请联系{顾问姓名}（{顾问电话}）。")
            String text,
            @KnownTopic @Schema(implementation = LegalTopic.class, example = "LAND") String topic) {
    }

    @Schema(name = "CannedAnswerEdit", description = "修改常用回复（范围和区划不能改）")
    record CannedAnswerEdit(
            @NotBlank(message = "请填写标题") @Size(max = MAX_TITLE, message = "标题不能超过 40 个字")
            @Schema(example = "土地承包纠纷：先协商调解") String title,
            @NotBlank(message = "请填写回复内容") @Size(max = MAX_TEXT, message = "回复内容不能超过 2000 个字")
            @Schema(example = "{提问人}您好：关于{事项}，建议先请村委会调解。") String text,
            @KnownTopic @Schema(implementation = LegalTopic.class, example = "LAND") String topic,
            @NotNull(message = "请带上读取时的版本号 revision") @PositiveOrZero(message = "版本号不能为负数")
            @Schema(description = "读取时的 revision；其间被他人改过则返回 409", example = "0") Long revision) {
    }

    /** The topic named {@code name}; empty for null or an unknown name. */
    static Optional<LegalTopic> topicOf(String name) {
        return Arrays.stream(LegalTopic.values()).filter(topic -> topic.name().equals(name)).findFirst();
    }

    /**
     * A topic given as text, so that an unknown one is a field error like the others in the form (an enum field would
     * fail the whole body as unreadable JSON).
     */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = KnownTopic.Check.class)
    @interface KnownTopic {

        String message() default "咨询事项不在可选范围内";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<KnownTopic, String> {

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || topicOf(value).isPresent();
            }
        }
    }
}
