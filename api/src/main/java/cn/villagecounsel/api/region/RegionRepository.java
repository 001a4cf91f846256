package cn.villagecounsel.api.region;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

import cn.villagecounsel.api.common.RegionLevel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface RegionRepository extends ReactiveMongoRepository<Region, String> {

    Flux<Region> findByParentCode(String parentCode, Sort sort);

    Flux<Region> findByParentCodeIsNull(Sort sort);

    Mono<Boolean> existsByParentCode(String parentCode);

    Flux<Region> findByLevelAndCodeBetween(RegionLevel level, String after, String before,
            Pageable page);

    Flux<Region> findByLevelAndInitialsRegex(RegionLevel level, String initialsRegex, Pageable page);

    Flux<Region> findByInitialsIsNull();

    Flux<Region> findByLevelAndNameRegex(RegionLevel level, String nameRegex, Pageable page);
}
