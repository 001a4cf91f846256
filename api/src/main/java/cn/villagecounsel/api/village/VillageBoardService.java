package cn.villagecounsel.api.village;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.AdvisorCard;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.duty.DutySchedule;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import cn.villagecounsel.api.team.TeamService;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds notice boards and keeps them in Redis as ready-to-send JSON. The cache key carries the
 * directory generations of the village, township and county (see {@link DirectoryChanges}) and today's
 * date, so every change and every new day is visible at once without deleting anything.
 */
@Service
public class VillageBoardService {

    static final int WEEKS_SHOWN = 8;
    private static final Duration CACHE_TTL = Duration.ofMinutes(30);
    private static final String PREFIX = "vc:board:";

    private final RegionDirectory regions;
    private final Assignments assignments;
    private final TeamService team;
    private final DutySchedule duty;
    private final ReactiveMongoTemplate mongo;
    private final DirectoryChanges changes;
    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;

    VillageBoardService(RegionDirectory regions, Assignments assignments, TeamService team, DutySchedule duty, ReactiveMongoTemplate mongo,
            DirectoryChanges changes, ReactiveStringRedisTemplate redis, JsonMapper json, Clock clock) {
        this.regions = regions;
        this.assignments = assignments;
        this.team = team;
        this.duty = duty;
        this.mongo = mongo;
        this.changes = changes;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    /** The board as JSON, from the cache when nothing changed since it was built. */
    public Mono<String> boardJson(String villageCode) {
        if (!RegionCodes.isValid(villageCode)) {
            return Mono.error(ApiProblem.invalid("code", "村（社区）代码应为 12 位数字。"));
        }
        LocalDate today = ChinaTime.today(clock);
        return changes.versionOf(villageCode)
                .flatMap(version -> {
                    String key = PREFIX + villageCode + ":" + today + ":" + version;
                    return redis.opsForValue().get(key)
                            .switchIfEmpty(Mono.defer(() -> build(villageCode, today)
                                    .map(json::writeValueAsString)
                                    .flatMap(built -> redis.opsForValue().set(key, built, CACHE_TTL).thenReturn(built))));
                });
    }

    public Mono<VillageBoard> board(String villageCode) {
        return boardJson(villageCode).map(text -> json.readValue(text, VillageBoard.class));
    }

    private Mono<VillageBoard> build(String villageCode, LocalDate today) {
        String township = RegionCodes.parentOf(villageCode);
        String county = RegionCodes.parentOf(township);
        return regions.find(villageCode)
                .filter(village -> village.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("没有找到该村（社区）。")))
                .flatMap(village -> Mono.zip(
                        regions.describe(List.of(villageCode, township, county)),
                        assignments.advisorsOf(List.of(villageCode)).map(found -> found.getOrDefault(villageCode,
                                List.<AdvisorCard>of())),
                        team.publicTeam(villageCode).collectList(),
                        duty.deskDuty(villageCode).collectList(),
                        duty.upcoming(villageCode, today, today.plusWeeks(WEEKS_SHOWN)).collectList(),
                        mongo.findById(villageCode, VillageSettings.class)
                                .map(settings -> settings.groupQrId() == null ? "" : groupQrUrl(villageCode))
                                .defaultIfEmpty("")))
                .map(parts -> {
                    List<RegionView> places = parts.getT1();
                    return new VillageBoard(place(places.get(0)), place(places.get(1)), place(places.get(2)),
                            parts.getT2(), parts.getT4(), parts.getT5(), parts.getT3(),
                            parts.getT6().isEmpty() ? null : parts.getT6(), Instant.now(clock));
                });
    }

    static String groupQrUrl(String villageCode) {
        return "/api/v1/villages/" + villageCode + "/group-qr";
    }

    private static VillageBoard.Place place(RegionView region) {
        return new VillageBoard.Place(region.code(), region.name());
    }
}
