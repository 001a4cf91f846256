package cn.villagecounsel.api.team;

import java.util.Collection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface NavigatorRepository extends ReactiveMongoRepository<Navigator, String> {

    Flux<Navigator> findByVillageCode(String villageCode, Sort sort);

    Flux<Navigator> findByVillageCodeIn(Collection<String> villageCodes);

    Mono<Navigator> findFirstByUserId(String userId);
}
