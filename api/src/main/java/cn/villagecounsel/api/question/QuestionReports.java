package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;

/** Admins' view of questions: the region's list, and the service-level figures per advisor and per village. */
@Service
class QuestionReports {

    private static final int MAX_DAYS = 366;

    @Schema(name = "QuestionSla", description = "问答时效统计（时间单位：分钟）")
    record SlaReport(String regionCode, LocalDate from, LocalDate to, Figures total, List<Row> byAdvisor,
            List<Row> byVillage) {
    }

    @Schema(name = "QuestionSlaRow", description = "一位顾问或一个村的时效数据")
    record Row(String id, @Schema(example = "李文博") String name, Figures figures) {
    }

    @Schema(name = "QuestionSlaFigures", description = "问题数、首次认领/首次答复/办结用时（中位数与 90 分位，分钟）、超时次数、平均评分")
    record Figures(long questions, long answered, long closed, Long claimMedian, Long claimP90, Long answerMedian,
            Long answerP90, Long resolutionMedian, Long resolutionP90, long claimBreaches, long answerBreaches,
            long resolutionBreaches, long ratings, Double averageStars) {

        static Figures of(Collection<Question> questions) {
            List<Long> claim = minutes(questions, Question::firstClaimedAt);
            List<Long> answer = minutes(questions, Question::firstAnsweredAt);
            List<Long> resolution = minutes(questions.stream().filter(q -> q.status() == Status.CLOSED).toList(),
                    Question::closedAt);
            List<Question.Rating> ratings = questions.stream().map(Question::rating).filter(Objects::nonNull).toList();
            return new Figures(questions.size(), answer.size(), resolution.size(), percentile(claim, 50),
                    percentile(claim, 90), percentile(answer, 50), percentile(answer, 90), percentile(resolution, 50),
                    percentile(resolution, 90), breaches(questions, "claim"), breaches(questions, "answer"),
                    breaches(questions, "resolution"), ratings.size(),
                    ratings.isEmpty() ? null
                            : Math.round(ratings.stream().mapToInt(Question.Rating::stars).average().orElse(0) * 10) / 10.0);
        }

        private static List<Long> minutes(Collection<Question> questions, Function<Question, Instant> at) {
            return questions.stream().filter(question -> at.apply(question) != null)
                    .map(question -> Duration.between(question.askedAt(), at.apply(question)).toMinutes())
                    .sorted().toList();
        }

        /** Nearest-rank percentile. */
        private static Long percentile(List<Long> sorted, int percent) {
            if (sorted.isEmpty()) {
                return null;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }

        private static long breaches(Collection<Question> questions, String clock) {
            return questions.stream().filter(question -> question.slaAlerts().contains(clock)).count();
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final QuestionService questions;
    private final RegionDirectory regions;
    private final Assignments assignments;
    private final Clock clock;

    QuestionReports(ReactiveMongoTemplate mongo, QuestionService questions, RegionDirectory regions,
            Assignments assignments, Clock clock) {
        this.mongo = mongo;
        this.questions = questions;
        this.regions = regions;
        this.assignments = assignments;
        this.clock = clock;
    }

    Mono<Page> list(CurrentUser admin, String region, Status status, LegalTopic topic, LocalDate from, LocalDate to,
            String cursor, int limit) {
        return requireAdmin(admin).then(admin.regionScope(region, "region")).flatMap(scope -> {
            Criteria criteria = inScope(scope, from, to);
            if (status != null) {
                criteria.and("status").is(status);
            }
            if (topic != null) {
                criteria.and("topic").is(topic);
            }
            return questions.page(criteria, cursor, limit);
        });
    }

    Mono<SlaReport> sla(CurrentUser admin, String region, LocalDate from, LocalDate to) {
        LocalDate end = to == null ? ChinaTime.today(clock) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            return Mono.error(ApiProblem.invalid("from", "统计区间应在 1 到 366 天之间，且开始日期不晚于结束日期。"));
        }
        return requireAdmin(admin).then(admin.regionScope(region, "region"))
                .flatMap(scope -> mongo.find(query(inScope(scope, start, end)
                                .and("status").nin(Status.HELD_FOR_REVIEW, Status.REJECTED)), Question.class)
                        .collectList()
                        .flatMap(found -> {
                            Map<String, List<Question>> byAdvisor = found.stream()
                                    .filter(question -> question.lastAnswererId() != null)
                                    .collect(Collectors.groupingBy(Question::lastAnswererId, TreeMap::new, Collectors.toList()));
                            Map<String, List<Question>> byVillage = found.stream()
                                    .collect(Collectors.groupingBy(Question::villageCode, TreeMap::new, Collectors.toList()));
                            return Mono.zip(assignments.names(byAdvisor.keySet()), regions.describe(byVillage.keySet())
                                            .map(views -> views.stream().collect(Collectors.toMap(RegionView::code,
                                                    RegionView::name, (a, b) -> a))))
                                    .map(names -> new SlaReport(scope, start, end, Figures.of(found),
                                            rows(byAdvisor, names.getT1()), rows(byVillage, names.getT2())));
                        }));
    }

    private static List<Row> rows(Map<String, List<Question>> grouped, Map<String, String> names) {
        List<Row> rows = new ArrayList<>();
        grouped.forEach((id, list) -> rows.add(new Row(id, names.getOrDefault(id, id), Figures.of(list))));
        return rows;
    }

    private static Criteria inScope(String scope, LocalDate from, LocalDate to) {
        Criteria criteria = where("villageCode").regex("^" + RegionCodes.prefixOf(scope));
        if (from != null || to != null) {
            Criteria asked = criteria.and("askedAt");
            if (from != null) {
                asked.gte(from.atStartOfDay(ChinaTime.ZONE).toInstant());
            }
            if (to != null) {
                asked.lt(to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant());
            }
        }
        return criteria;
    }

    private static Mono<Void> requireAdmin(CurrentUser user) {
        return user.roles().contains(Role.ADMIN) ? Mono.empty()
                : Mono.error(ApiProblem.forbidden("只有管理员可以查看问答管理。"));
    }
}
