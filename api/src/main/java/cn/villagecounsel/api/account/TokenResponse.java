package cn.villagecounsel.api.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** The OAuth 2.0 token response (RFC 6749 §5.1), also returned by our own sign-in endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TokenResponse")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(description = "RS256 JWT 访问令牌") String accessToken,
        @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "访问令牌有效秒数", example = "900") long expiresIn,
        @JsonProperty("refresh_token") @Schema(description = "刷新令牌（一次性，使用后轮换）") String refreshToken,
        @Schema(example = "directory.read") String scope) {
}
