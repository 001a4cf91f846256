package cn.villagecounsel.api.advisor;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface AdvisorRepository extends ReactiveMongoRepository<Advisor, String> {

    Mono<Advisor> findByUserId(String userId);

    Flux<Advisor> findByRegionCodeStartingWith(String prefix, Sort sort);
}
