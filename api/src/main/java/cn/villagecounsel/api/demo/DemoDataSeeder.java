package cn.villagecounsel.api.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.account.PartnerClient;
import cn.villagecounsel.api.account.PartnerClientRepository;
import cn.villagecounsel.api.account.PasswordHashing;
import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.account.UserRepository;
import cn.villagecounsel.api.region.RegionRepository;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo county (正宁县), staff accounts and a partner client on the embedded run. Only
 * missing records are added, so it is safe on every start and never overwrites changes.
 */
@Component
@ConditionalOnProperty(name = "vc.demo.enabled", havingValue = "true")
class DemoDataSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final RegionRepository regions;
    private final UserRepository users;
    private final PartnerClientRepository partners;
    private final PasswordHashing passwords;
    private final JsonMapper json;

    DemoDataSeeder(RegionRepository regions, UserRepository users, PartnerClientRepository partners,
            PasswordHashing passwords, JsonMapper json) {
        this.regions = regions;
        this.users = users;
        this.partners = partners;
        this.passwords = passwords;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        DemoData data;
        try (InputStream in = new ClassPathResource("demo/zhengning.json").getInputStream()) {
            data = json.readValue(in, DemoData.class);
        }
        Instant now = Instant.now();
        Long added = Flux.concat(
                Flux.fromIterable(data.regions())
                        .filterWhen(region -> regions.existsById(region.code()).map(exists -> !exists))
                        .concatMap(regions::save),
                Flux.fromIterable(data.staff())
                        .filterWhen(staff -> users.existsByUsername(staff.username()).map(exists -> !exists))
                        .concatMap(staff -> passwords.hash(data.password())
                                .flatMap(hash -> users.save(User.staff(staff.username(), hash, staff.displayName(),
                                        EnumSet.copyOf(staff.roles()), staff.regions(), now)))),
                Flux.fromIterable(data.partners())
                        .filterWhen(partner -> partners.existsById(partner.clientId()).map(exists -> !exists))
                        .concatMap(partner -> passwords.hash(data.partnerSecret())
                                .flatMap(hash -> partners.save(new PartnerClient(partner.clientId(), hash,
                                        partner.name(), partner.regions(), partner.scopes(), true)))))
                .count()
                .block(Duration.ofMinutes(1));
        log.info("Demo data: {} records added (正宁县 demo county, staff accounts, partner client)", added);
    }
}
