package cn.villagecounsel.api.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.common.Role;
import reactor.core.publisher.Mono;

/** Staff accounts that other features open for the people they manage (an advisor's sign-in). */
@Service
public class StaffAccounts {

    /** The new account and its initial password, which is shown once and never stored in clear. */
    public record Created(String userId, String username, String initialPassword) {
    }

    private final UserRepository users;
    private final ReactiveMongoTemplate mongo;
    private final PasswordHashing passwords;

    StaffAccounts(UserRepository users, ReactiveMongoTemplate mongo, PasswordHashing passwords) {
        this.users = users;
        this.mongo = mongo;
        this.passwords = passwords;
    }

    public Mono<Created> create(String username, String displayName, Role role, List<String> regions) {
        // Readable characters plus a fixed class mix, so it can be read out over the phone and still meets
        // common password rules; 12 random characters carry about 59 bits.
        String initialPassword = RandomIds.readable(6) + "-" + RandomIds.readable(6).toLowerCase();
        return passwords.hash(initialPassword)
                .flatMap(hash -> users.insert(User.staff(username, hash, displayName, EnumSet.of(role), regions,
                        Instant.now())))
                .onErrorMap(DuplicateKeyException.class, e -> new ApiProblem(HttpStatus.CONFLICT, "USERNAME_TAKEN",
                        "用户名已被占用", "用户名“" + username + "”已被占用，请换一个。"))
                .map(user -> new Created(user.id(), user.username(), initialPassword));
    }

    public Mono<Void> rename(String userId, String displayName) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(userId)),
                Update.update("displayName", displayName), User.class).then();
    }

    /** Removes an account that was opened for a record that then failed to save. */
    public Mono<Void> delete(String userId) {
        return users.deleteById(userId);
    }
}
