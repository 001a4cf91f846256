package cn.villagecounsel.api.common;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

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

    /** True when this user may act on the region {@code code}. */
    public boolean mayActIn(String code) {
        return RegionCodes.anyCovers(regions, code);
    }
}
