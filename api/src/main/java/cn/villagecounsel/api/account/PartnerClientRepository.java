package cn.villagecounsel.api.account;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

public interface PartnerClientRepository extends ReactiveMongoRepository<PartnerClient, String> {
}
