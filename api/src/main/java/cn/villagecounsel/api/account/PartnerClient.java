package cn.villagecounsel.api.account;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A partner system (12348 platform, upward reporting) that signs in with client credentials. */
@Document("partner_clients")
public record PartnerClient(
        @Id String clientId,
        String secretHash,
        String name,
        List<String> regions,
        List<String> scopes,
        boolean enabled) {

    /** What the partner may read, e.g. {@code directory.read}; none when the record predates scopes. */
    public List<String> grantedScopes() {
        return scopes == null ? List.of() : scopes;
    }
}
