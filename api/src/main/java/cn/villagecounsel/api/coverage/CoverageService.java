package cn.villagecounsel.api.coverage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Agreement;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.coverage.CoverageReport.Problem;
import cn.villagecounsel.api.duty.DutySchedule;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import cn.villagecounsel.api.team.TeamService;
import reactor.core.publisher.Mono;

/** Builds the coverage report from a handful of bulk queries, whatever the number of villages. */
@Service
class CoverageService {

    /** 楚雄、晋江: at least 6 legal-savvy residents per village. */
    static final int MIN_NAVIGATORS = 6;

    private final RegionDirectory regions;
    private final Assignments assignments;
    private final TeamService team;
    private final DutySchedule duty;
    private final Clock clock;

    CoverageService(RegionDirectory regions, Assignments assignments, TeamService team, DutySchedule duty, Clock clock) {
        this.regions = regions;
        this.assignments = assignments;
        this.team = team;
        this.duty = duty;
        this.clock = clock;
    }

    Mono<CoverageReport> report(CurrentUser admin, String regionCode) {
        return admin.regionScope(regionCode, "region").flatMap(this::report);
    }

    private Mono<CoverageReport> report(String scope) {
        LocalDate today = ChinaTime.today(clock);
        YearMonth month = YearMonth.from(today);
        return regions.find(scope)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("区划 " + scope + " 不存在。")))
                .flatMap(region -> regions.allVillagesIn(scope).collectList()
                        .flatMap(villages -> {
                            List<String> codes = villages.stream().map(RegionView::code).toList();
                            return Mono.zip(
                                    assignments.currentAgreementsIn(scope).collectList()
                                            .flatMap(current -> assignments.names(current.stream()
                                                            .map(Agreement::advisorId).collect(Collectors.toSet()))
                                                    .map(names -> new Current(current, names))),
                                    team.sizes(codes),
                                    duty.onSiteSessionsCount(codes, month.atDay(1), month.atEndOfMonth()),
                                    regions.describe(codes.stream().map(RegionCodes::parentOf).distinct().toList()))
                                    .map(parts -> assemble(region, month, today, villages, parts.getT1(), parts.getT2(),
                                            parts.getT3(), parts.getT4()));
                        }));
    }

    private record Current(List<Agreement> agreements, Map<String, String> advisorNames) {
    }

    private static CoverageReport assemble(RegionView region, YearMonth month, LocalDate today, List<RegionView> villages,
            Current current, Map<String, Long> teamSizes, Map<String, Long> sessions, List<RegionView> townships) {
        Map<String, List<Agreement>> byVillage = current.agreements().stream()
                .collect(Collectors.groupingBy(Agreement::villageCode));
        Map<String, String> townshipNames = townships.stream()
                .collect(Collectors.toMap(RegionView::code, RegionView::name, (a, b) -> a));
        List<CoverageReport.Village> rows = new ArrayList<>();
        for (RegionView village : villages) {
            List<Agreement> agreements = byVillage.getOrDefault(village.code(), List.of());
            List<String> advisors = agreements.stream().filter(agreement -> agreement.activeOn(today))
                    .map(agreement -> current.advisorNames().get(agreement.advisorId())).distinct().sorted().toList();
            long navigators = teamSizes.getOrDefault(village.code(), 0L);
            long sessionCount = sessions.getOrDefault(village.code(), 0L);
            List<Problem> problems = new ArrayList<>();
            if (agreements.isEmpty()) {
                problems.add(Problem.NO_ADVISOR);
            } else if (advisors.isEmpty()) {
                problems.add(Problem.NOT_FILED);
            }
            if (navigators < MIN_NAVIGATORS) {
                problems.add(Problem.FEW_NAVIGATORS);
            }
            if (sessionCount == 0) {
                problems.add(Problem.NO_SESSION_THIS_MONTH);
            }
            String township = RegionCodes.parentOf(village.code());
            rows.add(new CoverageReport.Village(village.code(), village.name(), township,
                    townshipNames.getOrDefault(township, township), advisors, !advisors.isEmpty(), navigators,
                    sessionCount, List.copyOf(problems)));
        }
        Map<String, List<CoverageReport.Village>> byTownship = rows.stream()
                .collect(Collectors.groupingBy(CoverageReport.Village::townshipCode, LinkedHashMap::new,
                        Collectors.toList()));
        List<CoverageReport.Township> townshipRows = byTownship.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new CoverageReport.Township(entry.getKey(), townshipNames.getOrDefault(entry.getKey(),
                        entry.getKey()), CoverageReport.Totals.of(entry.getValue())))
                .toList();
        rows.sort(Comparator.comparing(CoverageReport.Village::code));
        return new CoverageReport(region.code(), region.name(), month.toString(), MIN_NAVIGATORS,
                CoverageReport.Totals.of(rows), townshipRows, rows);
    }
}
