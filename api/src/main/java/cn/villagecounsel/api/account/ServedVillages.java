package cn.villagecounsel.api.account;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * The villages an advisor's account serves, for {@code GET /api/v1/me}. The advisor feature provides it (advisors
 * depend on accounts, not the other way round).
 */
public interface ServedVillages {

    /** Codes of the villages the user serves as an advisor today; empty for anyone else. */
    Mono<List<String>> of(String userId);
}
