package cn.villagecounsel.api.advisor;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.account.ServedVillages;
import reactor.core.publisher.Mono;

/** An advisor account's villages today, for the account's own view. */
@Component
class AdvisorVillages implements ServedVillages {

    private final Assignments assignments;

    AdvisorVillages(Assignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public Mono<List<String>> of(String userId) {
        return assignments.advisorIdOfUser(userId)
                .flatMap(advisorId -> assignments.villagesServedBy(advisorId).sort().collectList())
                .defaultIfEmpty(List.of());
    }
}
