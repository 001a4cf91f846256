package cn.villagecounsel.api.common;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document: both security schemes, and the problem responses every operation can
 * give, declared once and attached to each operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "bearer-jwt";
    static final String PARTNER = "partner-client-credentials";

    private static final Map<String, String> COMMON_PROBLEMS = Map.of(
            "400", "请求参数或格式有误（VALIDATION_FAILED、MALFORMED_REQUEST）",
            "401", "未登录或登录已失效（UNAUTHORIZED、INVALID_TOKEN）",
            "403", "无权访问（FORBIDDEN）",
            "429", "请求过于频繁（RATE_LIMITED，带 Retry-After）",
            "500", "服务器内部错误（INTERNAL_ERROR，带 traceId）");

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    OpenAPI villageCounselOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("登录接口返回的 access_token"))
                .addSecuritySchemes(PARTNER, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                        .description("合作系统以客户端凭证换取令牌")
                        .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token")
                                .scopes(new Scopes().addString("directory.read", "只读：村（社区）法律顾问名录与驻点时间")))));
        ModelConverters.getInstance().read(Problem.class).forEach(components::addSchemas);
        ModelConverters.getInstance().read(FieldError.class).forEach(components::addSchemas);
        COMMON_PROBLEMS.forEach((status, description) -> components.addResponses("Problem" + status, problemResponse(description)));
        return new OpenAPI()
                .info(new Info().title("村居法律顾问服务平台 API").version("v1")
                        .description("小程序、管理后台与合作系统使用的接口。错误一律为 RFC 9457 application/problem+json，"
                                + "code 为稳定的错误码，detail 为中文说明。"))
                .servers(java.util.List.of(new Server().url("/").description("当前网关")))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer problemResponsesOnEveryOperation() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
            COMMON_PROBLEMS.keySet().stream()
                    .filter(status -> !(isPublic && (status.equals("401") || status.equals("403"))))
                    .forEach(status -> operation.getResponses().putIfAbsent(status,
                            new ApiResponse().$ref("#/components/responses/Problem" + status)));
        }));
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
