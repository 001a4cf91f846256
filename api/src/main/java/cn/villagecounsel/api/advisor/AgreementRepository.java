package cn.villagecounsel.api.advisor;

import java.time.LocalDate;
import java.util.Collection;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

import reactor.core.publisher.Flux;

interface AgreementRepository extends ReactiveMongoRepository<Agreement, String> {

    Flux<Agreement> findByAdvisorIdAndVillageCodeAndTerminatedAtIsNull(String advisorId, String villageCode);

    Flux<Agreement> findByAdvisorIdAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(String advisorId,
            LocalDate day);

    Flux<Agreement> findByAdvisorIdInAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(
            Collection<String> advisorIds, LocalDate day);

    Flux<Agreement> findByVillageCodeInAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(
            Collection<String> villageCodes, LocalDate day);

    Flux<Agreement> findByVillageCodeStartingWith(String prefix);

    Flux<Agreement> findByAdvisorId(String advisorId);
}
