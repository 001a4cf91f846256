package cn.villagecounsel.api.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** The RFC 9457 body every error carries, with our stable {@code code} and the request's {@code traceId}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem+json 错误响应")
public record Problem(
        @Schema(example = "https://villagecounsel.cn/problems/validation-failed") String type,
        @Schema(example = "请求参数有误") String title,
        @Schema(example = "400") int status,
        @Schema(example = "提交的内容有误，请按提示修改后重试。") String detail,
        @Schema(example = "/api/v1/auth/login") String instance,
        @Schema(description = "稳定的机器可读错误码", example = "VALIDATION_FAILED") String code,
        @Schema(description = "请求编号，与响应头 X-Request-Id 相同") String traceId,
        @Schema(description = "字段错误，仅 VALIDATION_FAILED 时出现") List<FieldError> errors) {
}
