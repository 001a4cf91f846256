package cn.villagecounsel.api.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.nimbusds.jose.jwk.JWKSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The OAuth 2.0 token endpoint (RFC 6749) and our JWKS. Spring Authorization Server is
 * servlet-only, so the two grants we need are served here on WebFlux (docs/adr/0002).
 */
@RestController
@Tag(name = "OAuth 2.0", description = "令牌端点与公钥")
class TokenEndpoint {

    private final AccountService accounts;
    private final Map<String, Object> jwks;

    TokenEndpoint(AccountService accounts, JWKSet publicJwkSet) {
        this.accounts = accounts;
        this.jwks = publicJwkSet.toJSONObject();
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @SecurityRequirements
    @Operation(summary = "签发令牌",
            description = "grant_type=refresh_token：用刷新令牌换新令牌（刷新令牌一次性，重复使用会使整个令牌族失效）；"
                    + "grant_type=client_credentials：合作系统用 HTTP Basic（或表单中的 client_id/client_secret）换取访问令牌。",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                    schema = @Schema(implementation = TokenRequestForm.class))))
    @ApiResponse(responseCode = "200", description = "新令牌")
    Mono<TokenResponse> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> switch (valueOf(form, "grant_type")) {
            case "refresh_token" -> accounts.refresh(require(form, "refresh_token"));
            case "client_credentials" -> clientCredentials(exchange, form);
            default -> Mono.error(new AccountProblems.UnsupportedGrantType());
        });
    }

    @GetMapping(path = "/oauth2/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "令牌验签公钥（JWK Set）")
    @ApiResponse(responseCode = "200", description = "JWK Set")
    Map<String, Object> jwks() {
        return jwks;
    }

    private Mono<TokenResponse> clientCredentials(ServerWebExchange exchange, MultiValueMap<String, String> form) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String clientId = valueOf(form, "client_id");
        String secret = valueOf(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(authorization.substring(6).trim());
            if (pair == null) {
                return Mono.error(new AccountProblems.InvalidClient());
            }
            clientId = pair[0];
            secret = pair[1];
        }
        if (clientId.isEmpty() || secret.isEmpty()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"village-counsel\"");
            return Mono.error(new AccountProblems.InvalidClient());
        }
        return accounts.clientCredentials(clientId, secret);
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String valueOf(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.trim();
    }

    private static String require(MultiValueMap<String, String> form, String name) {
        String value = valueOf(form, name);
        if (value.isEmpty() || value.length() > 256) {
            throw new AccountProblems.InvalidGrant();
        }
        return value;
    }

    @Schema(name = "TokenRequest", description = "application/x-www-form-urlencoded")
    record TokenRequestForm(
            @Schema(allowableValues = {"refresh_token", "client_credentials"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String grant_type,
            @Schema(description = "grant_type=refresh_token 时必填") String refresh_token,
            @Schema(description = "未使用 HTTP Basic 时的客户端编号") String client_id,
            @Schema(description = "未使用 HTTP Basic 时的客户端密钥") String client_secret) {
    }
}
