package cn.villagecounsel.api.question;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.AdvisorCard;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.notification.NewNotification;
import cn.villagecounsel.api.notification.Notifications;
import cn.villagecounsel.api.notification.RobotRegistry;
import cn.villagecounsel.api.notification.RobotRegistry.Purpose;
import cn.villagecounsel.api.question.Question.Message;
import cn.villagecounsel.api.question.Question.PendingNotice;
import cn.villagecounsel.api.question.Question.PoolLevel;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is told what about a question, through the notification centre. A change writes its events on the question
 * ({@code pendingNotices}); here each becomes notifications with a dedupe key of the question, the event and the
 * recipient, and is then taken off. Queuing again (the sweep after a crash) sends nothing twice. Robot messages and
 * advisors' inbox lines carry no personal details.
 */
@Component
class QuestionNotices {

    private static final Logger log = LoggerFactory.getLogger(QuestionNotices.class);
    private static final int ANSWER_EXCERPT = 300;

    private final Notifications notifications;
    private final Assignments assignments;
    private final RobotRegistry robots;
    private final QuestionStore store;
    private final RegionDirectory regions;

    QuestionNotices(Notifications notifications, Assignments assignments, RobotRegistry robots, QuestionStore store,
            RegionDirectory regions) {
        this.regions = regions;
        this.notifications = notifications;
        this.assignments = assignments;
        this.robots = robots;
        this.store = store;
    }

    /** Queues the question's pending notices; a failure leaves them for the sweep. */
    Mono<Question> flush(Question question) {
        if (question.pendingNotices().isEmpty()) {
            return Mono.just(question);
        }
        return regions.find(question.villageCode()).map(RegionView::name).defaultIfEmpty("本村")
                .flatMapMany(village -> Flux.fromIterable(question.pendingNotices())
                        .concatMap(notice -> send(question, notice, village)
                                .then(store.noticeSent(question.id(), notice.key()))))
                .then(Mono.just(question))
                .onErrorResume(failure -> {
                    log.warn("Notices of question {} left for the sweep: {}", question.id(), failure.toString());
                    return Mono.just(question);
                });
    }

    private Mono<Void> send(Question question, PendingNotice notice, String village) {
        String event = notice.event();
        String subject = question.topic().label();
        String key = "question:" + question.id() + ":" + notice.key();
        if (event.equals("asked")) {
            return toVillageAdvisors(question, "question.new", "本村有新的法律问题",
                    "%s的群众咨询“%s”，请到问题队列认领。".formatted(village, subject), key);
        }
        if (event.startsWith("escalated")) {
            String pool = question.poolLevel() == PoolLevel.COUNTY ? "县级统筹" : "乡镇统筹";
            String body = "%s的“%s”问题暂无人认领，已进入%s，本%s的法律顾问都可以认领。".formatted(village,
                    subject, pool, question.poolLevel() == PoolLevel.COUNTY ? "县" : "乡镇");
            String region = question.poolLevel() == PoolLevel.COUNTY ? question.countyCode() : question.townshipCode();
            return toAdvisors(assignments.advisorsServingIn(region), question, "question.escalated", "问题已扩大认领范围",
                    body, key)
                    .then(toTownshipRobots(question, "question.escalated", "问题已扩大认领范围", body, key));
        }
        if (event.startsWith("answered") || event.startsWith("referred")) {
            Message answer = question.lastAnswer();
            String text = answer == null ? "" : answer.text();
            String excerpt = text.length() > ANSWER_EXCERPT ? text.substring(0, ANSWER_EXCERPT) + "……" : text;
            String title = event.startsWith("referred") ? "法律顾问给您的建议" : "您的问题有答复了";
            return toPerson(question.askedBy(), question, "question.answered", title,
                    "关于“%s”：%s（完整内容请在小程序“我的提问”中查看）".formatted(subject, excerpt), key);
        }
        if (event.startsWith("followed-up") || event.startsWith("reopened")) {
            String holder = question.claim() != null ? question.claim().userId() : null;
            String title = event.startsWith("reopened") ? "问题被重新打开" : "群众追问了";
            return holder == null ? Mono.empty()
                    : toPerson(holder, question, "question.follow-up", title,
                            "%s的“%s”问题有新的留言，请及时回复。".formatted(village, subject), key);
        }
        if (event.startsWith("transferred")) {
            return question.claim() == null ? Mono.empty()
                    : toPerson(question.claim().userId(), question, "question.transferred", "有问题转给了您",
                            "%s的“%s”问题已转给您处理，请及时答复。".formatted(village, subject), key);
        }
        if (event.startsWith("lease-expired:")) {
            String userId = event.substring("lease-expired:".length());
            return toPerson(userId, question, "question.lease-expired", "认领已到期",
                    "%s的“%s”问题认领已到期，已退回问题队列。".formatted(village, subject), key);
        }
        if (event.equals("rejected")) {
            return toPerson(question.askedBy(), question, "question.rejected", "问题未通过审核",
                    "您关于“%s”的提问未通过审核，如有需要请修改后重新提问，或拨打 12348 法律服务热线。".formatted(subject), key);
        }
        if (event.startsWith("sla:")) {
            String body = "%s的“%s”问题%s，请尽快安排。".formatted(village, subject,
                    switch (event) {
                        case "sla:claim" -> "超时仍无人认领";
                        case "sla:answer" -> "超时尚未答复";
                        default -> "超时尚未办结";
                    });
            return toTownshipRobots(question, "question.sla", "问答超时提醒", body, key);
        }
        log.warn("Question {} has an unknown notice event {}", question.id(), event);
        return Mono.empty();
    }

    private Mono<Void> toVillageAdvisors(Question question, String template, String title, String body, String key) {
        return toAdvisors(assignments.advisorsOf(List.of(question.villageCode()))
                        .flatMapIterable(byVillage -> byVillage.getOrDefault(question.villageCode(), List.of()))
                        .map(AdvisorCard::id),
                question, template, title, body, key);
    }

    private Mono<Void> toAdvisors(Flux<String> advisorIds, Question question, String template, String title,
            String body, String key) {
        return advisorIds.concatMap(assignments::userIdOfAdvisor)
                .concatMap(userId -> toPerson(userId, question, template, title, body, key))
                .then();
    }

    private Mono<Void> toPerson(String userId, Question question, String template, String title, String body,
            String key) {
        return notifications.enqueue(new NewNotification(userId, template, title, body,
                        Map.of("subject", question.topic().label(), "questionId", question.id()), key + ":" + userId,
                        question.villageCode(), null))
                .then();
    }

    private Mono<Void> toTownshipRobots(Question question, String template, String title, String body, String key) {
        return robots.robotsFor(question.townshipCode(), Purpose.TOWNSHIP_ADVISORS)
                .concatMap(robot -> notifications.enqueue(NewNotification.toRobot(robot, template, title, body,
                        key + ":robot:" + robot, question.townshipCode())))
                .then();
    }
}
