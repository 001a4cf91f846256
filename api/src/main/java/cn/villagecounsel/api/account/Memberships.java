package cn.villagecounsel.api.account;

import java.util.List;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.Role;
import reactor.core.publisher.Mono;

/**
 * Roles that come from membership of a village's 1+N team. The access token carries roles, so a grant
 * answers with fresh tokens; a revocation takes effect at the holder's next refresh (tokens live 15 minutes).
 */
@Service
public class Memberships {

    private final ReactiveMongoTemplate mongo;
    private final TokenIssuer tokens;

    Memberships(ReactiveMongoTemplate mongo, TokenIssuer tokens) {
        this.mongo = mongo;
        this.tokens = tokens;
    }

    /** Makes a resident the village's legal-savvy resident (法律明白人) and their home village that village. */
    public Mono<TokenResponse> grantNavigator(String userId, String villageCode) {
        Update update = new Update().addToSet("roles", Role.NAVIGATOR).set("regions", List.of(villageCode))
                .set("villageCode", villageCode);
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(userId)), update,
                        FindAndModifyOptions.options().returnNew(true), User.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("账号不存在或已被删除。")))
                .flatMap(tokens::signIn);
    }

    /** Sets a resident's home village, e.g. when they arrive from a share card in the village's WeChat group. */
    public Mono<Void> setHomeVillage(String userId, String villageCode) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(userId)), Update.update("villageCode", villageCode),
                User.class).then();
    }

    public Mono<Void> revokeNavigator(String userId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(userId)),
                new Update().pull("roles", Role.NAVIGATOR).set("regions", List.of()), User.class).then();
    }
}
