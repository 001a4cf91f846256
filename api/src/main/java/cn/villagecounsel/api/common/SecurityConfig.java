package cn.villagecounsel.api.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * One filter chain for the whole api: stateless bearer tokens, coarse rules by path and role (finer ones
 * as {@code @PreAuthorize} on the handler), and
 * problem+json for 401/403 (security errors are written here because they never reach a handler).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
class SecurityConfig implements WebFluxConfigurer {

    private static final String[] PUBLIC = {
        "/api/v1/auth/login", "/api/v1/auth/wechat", "/oauth2/token", "/oauth2/jwks",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
        "/actuator/health", "/actuator/health/**", "/actuator/info",
        // WeChat's servers, which prove themselves by the signature instead of a token.
        "/wx/mp"
    };

    /** The notice board is public like the paper one on the village wall. */
    private static final String[] PUBLIC_READS = {
        "/api/v1/villages/*", "/api/v1/villages/*/notice", "/api/v1/advisors/*/photo", "/api/v1/villages/*/group-qr",
        "/api/v1/villages/*/slots"
    };

    private static final String[] PEOPLE = {
        Role.RESIDENT.name(), Role.NAVIGATOR.name(), Role.ADVISOR.name(), Role.ADMIN.name()
    };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            Problems problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(PUBLIC).permitAll()
                        .pathMatchers("/open/v1/villages", "/open/v1/villages/**")
                                .hasAuthority("SCOPE_" + CurrentUser.DIRECTORY_READ)
                        .pathMatchers("/open/v1/**").hasRole(Role.PARTNER.name())
                        .pathMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .pathMatchers("/api/v1/advisor/**").hasRole(Role.ADVISOR.name())
                        .pathMatchers("/api/v1/**").hasAnyRole(PEOPLE)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(SecurityConfig::authenticate))
                        .authenticationEntryPoint((exchange, error) -> unauthorized(problems, exchange, error))
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "无权访问", "您没有执行此操作的权限。", null, null)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, error) -> unauthorized(problems, exchange, error))
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "无权访问", "您没有执行此操作的权限。", null, null)))
                .build();
    }

    private static Mono<Void> unauthorized(Problems problems, ServerWebExchange exchange, AuthenticationException error) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        boolean tokenPresented = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null;
        return tokenPresented
                ? problems.write(exchange, HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "登录已失效",
                        "登录凭证无效或已过期，请重新登录。", null, null)
                : problems.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "未登录", "请先登录。", null, null);
    }

    private static Mono<AbstractAuthenticationToken> authenticate(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(CurrentUser.ROLES_CLAIM);
        String scope = jwt.getClaimAsString(CurrentUser.SCOPE_CLAIM);
        Collection<GrantedAuthority> authorities = Stream.concat(
                        roles == null ? Stream.<String>empty() : roles.stream().map(role -> "ROLE_" + role),
                        scope == null ? Stream.<String>empty() : Arrays.stream(scope.split(" "))
                                .filter(granted -> !granted.isEmpty()).map(granted -> "SCOPE_" + granted))
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CurrentUserResolver());
    }

    /** Lets handlers take a {@link CurrentUser} parameter instead of digging in the security context. */
    static final class CurrentUserResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CurrentUser.class;
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                ServerWebExchange exchange) {
            return exchange.getPrincipal()
                    .filter(JwtAuthenticationToken.class::isInstance)
                    .map(principal -> (Object) CurrentUser.of(((JwtAuthenticationToken) principal).getToken()))
                    .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "未登录",
                            "请先登录。")));
        }
    }
}
