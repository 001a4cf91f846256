package cn.villagecounsel.api.account;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.Role;

/**
 * A person who signs in: a resident by WeChat {@code openid}, staff by {@code username}. The
 * WeChat {@code session_key} is deliberately not stored here (see {@link WechatSessions}).
 */
@Document("users")
public record User(
        @Id String id,
        @Indexed(unique = true, sparse = true) String username,
        String passwordHash,
        @Indexed(unique = true, sparse = true) String openid,
        String unionid,
        String displayName,
        Set<Role> roles,
        List<String> regions,
        String villageCode,
        boolean enabled,
        Instant createdAt,
        Instant lastLoginAt) {

    public static User staff(String username, String passwordHash, String displayName, Set<Role> roles,
            List<String> regions, Instant now) {
        return new User(null, username, passwordHash, null, null, displayName, roles, regions, null, true, now, null);
    }
}
