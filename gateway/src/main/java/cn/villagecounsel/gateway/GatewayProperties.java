package cn.villagecounsel.gateway;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Gateway settings under {@code vc.gateway}; rate limits have their own record under {@code vc.gateway.rate-limit}.
 *
 * @param adminLocation where the built admin console lives (a directory with {@code index.html} and {@code assets/})
 * @param trustedProxies IP addresses or CIDR ranges of proxies in front of the gateway whose {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto} are believed; empty means the direct peer is the client
 * @param maxRequestSize largest request body accepted, whether announced by {@code Content-Length} or streamed
 * @param headers security headers added to every response
 */
@Validated
@ConfigurationProperties("vc.gateway")
public record GatewayProperties(@DefaultValue("classpath:/admin-web/") @NotBlank String adminLocation,
		@DefaultValue List<String> trustedProxies, @DefaultValue("10MB") @NotNull DataSize maxRequestSize,
		@DefaultValue @Valid Headers headers) {

	/**
	 * @param contentSecurityPolicy for the admin console and everything else; Element Plus needs inline styles
	 * @param swaggerContentSecurityPolicy for Swagger UI, whose OAuth2 redirect page runs an inline script
	 * @param referrerPolicy the {@code Referrer-Policy} value
	 * @param strictTransportSecurity the {@code Strict-Transport-Security} value, sent only on https requests
	 */
	public record Headers(@DefaultValue(ADMIN_CSP) @NotBlank String contentSecurityPolicy,
			@DefaultValue(SWAGGER_CSP) @NotBlank String swaggerContentSecurityPolicy,
			@DefaultValue("strict-origin-when-cross-origin") @NotBlank String referrerPolicy,
			@DefaultValue("max-age=31536000; includeSubDomains") @NotBlank String strictTransportSecurity) {

		static final String ADMIN_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
				+ "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
				+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

		static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
				+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
				+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	}

}
