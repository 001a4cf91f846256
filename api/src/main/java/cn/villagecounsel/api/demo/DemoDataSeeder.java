package cn.villagecounsel.api.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.account.PartnerClient;
import cn.villagecounsel.api.account.PartnerClientRepository;
import cn.villagecounsel.api.account.PasswordHashing;
import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.account.UserRepository;
import cn.villagecounsel.api.advisor.Advisor;
import cn.villagecounsel.api.advisor.Agreement;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.duty.DutyKind;
import cn.villagecounsel.api.duty.DutyMode;
import cn.villagecounsel.api.duty.DutyRules;
import cn.villagecounsel.api.duty.Frequency;
import cn.villagecounsel.api.notification.NewNotification;
import cn.villagecounsel.api.notification.Notification;
import cn.villagecounsel.api.notification.Notifications;
import cn.villagecounsel.api.region.Region;
import cn.villagecounsel.api.region.RegionRepository;
import cn.villagecounsel.api.team.Navigator;
import cn.villagecounsel.api.team.NavigatorRole;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo county (正宁县), staff accounts and a partner client on the embedded run. Only
 * missing records are added, so it is safe on every start and never overwrites changes.
 */
@Component
@ConditionalOnProperty(name = "vc.demo.enabled", havingValue = "true")
class DemoDataSeeder implements ApplicationRunner {

    private static final String COUNTY = "621025000000";

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final RegionRepository regions;
    private final UserRepository users;
    private final PartnerClientRepository partners;
    private final PasswordHashing passwords;
    private final JsonMapper json;
    private final ReactiveMongoTemplate mongo;
    private final FieldCipher cipher;
    private final DutyRules dutyRules;
    private final Notifications notifications;

    DemoDataSeeder(RegionRepository regions, UserRepository users, PartnerClientRepository partners,
            PasswordHashing passwords, JsonMapper json, ReactiveMongoTemplate mongo, FieldCipher cipher,
            DutyRules dutyRules, Notifications notifications) {
        this.dutyRules = dutyRules;
        this.notifications = notifications;
        this.mongo = mongo;
        this.cipher = cipher;
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
                        .concatMap(region -> regions.save(region.withInitials())),
                Flux.fromIterable(data.staff())
                        .filterWhen(staff -> users.existsByUsername(staff.username()).map(exists -> !exists))
                        .concatMap(staff -> passwords.hash(data.password())
                                .flatMap(hash -> users.save(User.staff(staff.username(), hash, staff.displayName(),
                                        EnumSet.copyOf(staff.roles()), staff.regions(), now)))),
                Flux.range(0, data.advisors().size())
                        .concatMap(index -> seedAdvisor(data, data.advisors().get(index), index, now)),
                seedTeams(data, now),
                seedWelcomes(data),
                Flux.fromIterable(data.partners())
                        .filterWhen(partner -> partners.existsById(partner.clientId()).map(exists -> !exists))
                        .concatMap(partner -> passwords.hash(data.partnerSecret())
                                .flatMap(hash -> partners.save(new PartnerClient(partner.clientId(), hash,
                                        partner.name(), partner.regions(), partner.scopes(), true)))))
                .count()
                .block(Duration.ofMinutes(1));
        log.info("Demo data: {} records added (正宁县 demo county, staff, advisors, agreements, 1+N teams, partner, "
                + "welcome messages)",
                added);
    }

    /**
     * A welcome message to each advisor, so that the inbox and the admins' delivery list (the sandbox, in the
     * embedded run) show something; the dedupe key makes it once per advisor across restarts.
     */
    private Flux<Notification> seedWelcomes(DemoData data) {
        return Flux.fromIterable(data.advisors())
                .concatMap(seed -> users.findByUsername(seed.username())
                        .flatMap(user -> notifications.enqueue(new NewNotification(user.id(), "account.welcome",
                                "欢迎使用村居法律顾问服务平台", "您好，" + seed.name() + "：您服务的村（社区）、驻点安排和群众的咨询、"
                                        + "预约都可以在这里查看和办理。",
                                Map.of("name", seed.name()), "demo:welcome:" + seed.username(), COUNTY, null))));
    }

    /** The advisor's account, profile and agreements, each only when missing. */
    private Flux<Object> seedAdvisor(DemoData data, DemoData.Advisor seed, int index, Instant now) {
        LocalDate start = LocalDate.of(2026, 1, 1);
        LocalDate end = LocalDate.of(2027, 12, 31);
        Mono<User> account = users.findByUsername(seed.username())
                .switchIfEmpty(Mono.defer(() -> passwords.hash(data.password())
                        .flatMap(hash -> users.save(User.staff(seed.username(), hash, seed.name(),
                                EnumSet.of(Role.ADVISOR), List.of(COUNTY), now)))));
        return account.flatMap(user -> mongo.findOne(Query.query(Criteria.where("userId").is(user.id())), Advisor.class)
                        .switchIfEmpty(Mono.defer(() -> mongo.insert(new Advisor(null, seed.name(), seed.lawFirm(),
                                seed.licenceNo(), cipher.encrypt(seed.phone()), cipher.encrypt(seed.publicPhone()),
                                seed.serviceScope(), COUNTY, user.id(), user.username(), null, now, now, null)))))
                .flatMapMany(advisor -> Flux.fromIterable(seed.villages())
                        .filterWhen(village -> mongo.exists(Query.query(Criteria.where("advisorId").is(advisor.id())
                                .and("villageCode").is(village)), Agreement.class).map(exists -> !exists))
                        .concatMap(village -> {
                            boolean filed = !data.unfiledVillages().contains(village);
                            return mongo.insert(new Agreement(null, advisor.id(), village, start, end, filed,
                                    filed ? now : null, filed ? "demo" : null, null, null, null, "demo", now, null));
                        })
                        .cast(Object.class)
                        .concatWith(seedDuty(data, seed, advisor.id(), index)));
    }

    /**
     * A monthly consultation day in each village (the 1st, 2nd… Tuesday morning, one week per village so they
     * never overlap) and a weekly desk afternoon at the township's legal service station — unless the demo
     * leaves a village without one, so the coverage dashboard has something to show.
     */
    private Flux<Object> seedDuty(DemoData data, DemoData.Advisor seed, String advisorId, int index) {
        CurrentUser system = new CurrentUser("demo", "演示数据", Set.of(Role.ADMIN), List.of(COUNTY));
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate until = LocalDate.of(2027, 12, 31);
        Map<String, String> names = data.regions().stream().collect(Collectors.toMap(Region::code, Region::name));
        String township = RegionCodes.parentOf(seed.villages().get(0));
        List<DutyRules.Spec> specs = new ArrayList<>();
        for (int week = 0; week < seed.villages().size(); week++) {
            String village = seed.villages().get(week);
            if (!data.villagesWithoutDuty().contains(village)) {
                String office = names.get(village).endsWith("社区") ? "社区服务中心" : "村委会";
                specs.add(new DutyRules.Spec(advisorId, DutyKind.ON_SITE, village, names.get(village) + office,
                        DutyMode.IN_PERSON, Frequency.MONTHLY, List.of(2), week + 1, LocalTime.of(9, 0),
                        LocalTime.of(12, 0), from, until));
            }
        }
        specs.add(new DutyRules.Spec(advisorId, DutyKind.DESK, township, names.get(township) + "公共法律服务工作站",
                DutyMode.IN_PERSON, Frequency.WEEKLY, List.of(index % 2 == 0 ? 1 : 5), null, LocalTime.of(14, 30),
                LocalTime.of(17, 30), from, until));
        return mongo.exists(Query.query(Criteria.where("advisorId").is(advisorId)), "duty_rules")
                .flatMapMany(seeded -> seeded ? Flux.empty()
                        : Flux.fromIterable(specs).concatMap(spec -> dutyRules.create(system, spec)));
    }

    /** Invented team members, named from the pools deterministically so every start seeds the same people. */
    private Flux<Object> seedTeams(DemoData data, Instant now) {
        DemoData.Team team = data.team();
        List<String> villages = data.regions().stream().filter(region -> region.level() == RegionLevel.VILLAGE)
                .map(Region::code).toList();
        NavigatorRole[] roles = NavigatorRole.values();
        return Flux.range(0, villages.size())
                .filterWhen(index -> mongo.exists(Query.query(Criteria.where("villageCode").is(villages.get(index))),
                        Navigator.class).map(exists -> !exists))
                .concatMap(index -> Flux.range(0, team.sizes().getOrDefault(villages.get(index), team.defaultSize()))
                        .concatMap(member -> {
                            int seed = index * 13 + member * 7;
                            String name = team.surnames().get(seed % team.surnames().size())
                                    + team.givenNames().get((index + member * 11) % team.givenNames().size());
                            String phone = String.format("139%08d", 9340000 + index * 100 + member);
                            // Every other person agreed to show their phone on the notice board.
                            return mongo.insert(new Navigator(null, villages.get(index), name,
                                    roles[member % roles.length], cipher.encrypt(phone), member % 2 == 0,
                                    Navigator.Status.INVITED, null, null, null, null, "demo", now, null));
                        }));
    }
}
