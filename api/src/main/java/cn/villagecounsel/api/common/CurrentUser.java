package cn.villagecounsel.api.common;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import reactor.core.publisher.Mono;

/** The signed-in party, read from a verified access token. */
public record CurrentUser(String id, String name, Set<Role> roles, List<String> regions) {

    public static final String ROLES_CLAIM = "roles";
    public static final String REGIONS_CLAIM = "regions";
    public static final String NAME_CLAIM = "name";
    public static final String SCOPE_CLAIM = "scope";
    public static final String DIRECTORY_READ = "directory.read";

    public static CurrentUser of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (claimed != null) {
            claimed.forEach(role -> roles.add(Role.valueOf(role)));
        }
        List<String> regions = jwt.getClaimAsStringList(REGIONS_CLAIM);
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString(NAME_CLAIM), Set.copyOf(roles),
                regions == null ? List.of() : List.copyOf(regions));
    }

    /**
     * The region a list or report of an admin covers: {@code requested}, or else the admin's own first region.
     * Fails with 400 on {@code field} for a malformed code and 403 for a region outside the admin's.
     */
    public Mono<String> regionScope(String requested, String field) {
        String scope = requested != null ? requested : regions.isEmpty() ? null : regions.get(0);
        if (!RegionCodes.isValid(scope)) {
            return Mono.error(ApiProblem.invalid(field, "区划代码应为 12 位数字。"));
        }
        return mayActIn(scope) ? Mono.just(scope) : Mono.error(ApiProblem.forbidden("该区划不在您的管辖范围内。"));
    }

    /** True when this user may act on the region {@code code}. */
    public boolean mayActIn(String code) {
        return RegionCodes.anyCovers(regions, code);
    }
}
