package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.region.RegionDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WeCom group robots of staff groups: a township's advisors, a village's 1+N team. A robot's webhook key lets
 * anyone post into the group, so it is a secret: encrypted at rest, shown only as its last four characters, never
 * logged.
 */
@Service
public class RobotRegistry {

    private static final Pattern WEBHOOK = Pattern.compile(
            "^(?:https://qyapi\\.weixin\\.qq\\.com/cgi-bin/webhook/send\\?key=)?([A-Za-z0-9-]{8,64})$");

    public enum Purpose {
        /** 乡镇法律顾问群 */
        TOWNSHIP_ADVISORS,
        /** 村“1+N”群 */
        VILLAGE_TEAM
    }

    @Document("robots")
    record Robot(@Id String id, String name, String regionCode, Purpose purpose, String webhookKey, String keyHint,
            Instant createdAt, String createdBy) {
    }

    @Schema(name = "GroupRobot", description = "企业微信群机器人（webhook 地址不再显示，只显示密钥末四位）")
    record View(String id, String name, String regionCode, Purpose purpose,
            @Schema(example = "****a1b2") String keyHint, Instant createdAt) {

        static View of(Robot robot) {
            return new View(robot.id(), robot.name(), robot.regionCode(), robot.purpose(), robot.keyHint(),
                    robot.createdAt());
        }
    }

    @Schema(name = "NewGroupRobot", description = "登记企业微信群机器人")
    record NewRobot(
            @Schema(description = "群名称，不超过 40 个字", example = "山河镇法律顾问群") String name,
            @Schema(description = "群所属区划代码（乡镇或村）", example = "621025100000") String regionCode,
            @Schema(description = "TOWNSHIP_ADVISORS：乡镇法律顾问群；VILLAGE_TEAM：村“1+N”群") Purpose purpose,
            @Schema(description = "群机器人的完整 Webhook 地址（或其中的 key）；保存后不再显示",
                    example = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa")
            String webhook) {
    }

    private final ReactiveMongoTemplate mongo;
    private final FieldCipher cipher;
    private final RegionDirectory regions;
    private final AuditLog audit;
    private final Clock clock;

    RobotRegistry(ReactiveMongoTemplate mongo, FieldCipher cipher, RegionDirectory regions, AuditLog audit,
            Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.regions = regions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The robots of a region's groups with the given purpose, for features that notify staff groups. */
    public Flux<String> robotsFor(String regionCode, Purpose purpose) {
        return mongo.find(query(where("regionCode").is(regionCode).and("purpose").is(purpose)), Robot.class)
                .map(Robot::id);
    }

    Flux<View> list(CurrentUser admin, String region) {
        return admin.regionScope(region, "region").flatMapMany(scope -> mongo.find(
                        query(where("regionCode").regex("^" + RegionCodes.prefixOf(scope))).with(Sort.by("regionCode",
                                "name")), Robot.class))
                .map(View::of);
    }

    Mono<View> create(CurrentUser admin, NewRobot form) {
        Matcher webhook = form.webhook() == null ? null : WEBHOOK.matcher(form.webhook().strip());
        if (form.name() == null || form.name().isBlank() || form.name().strip().length() > 40) {
            return Mono.error(ApiProblem.invalid("name", "请填写群名称（不超过 40 个字）。"));
        }
        if (form.purpose() == null) {
            return Mono.error(ApiProblem.invalid("purpose", "请选择群的用途。"));
        }
        if (webhook == null || !webhook.matches()) {
            return Mono.error(ApiProblem.invalid("webhook",
                    "请粘贴群机器人的 Webhook 地址（https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）。"));
        }
        if (form.regionCode() == null || !RegionCodes.isValid(form.regionCode())) {
            return Mono.error(ApiProblem.invalid("regionCode", "区划代码应为 12 位数字。"));
        }
        if (!admin.mayActIn(form.regionCode())) {
            return Mono.error(ApiProblem.forbidden("该区划不在您的管辖范围内。"));
        }
        String key = webhook.group(1);
        return regions.find(form.regionCode())
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("regionCode", "没有这个区划。")))
                .flatMap(region -> mongo.insert(new Robot(RandomIds.id(), form.name().strip(), form.regionCode(),
                        form.purpose(), cipher.encrypt(key), "****" + key.substring(key.length() - 4),
                        clock.instant(), admin.id())))
                .flatMap(robot -> audit.record(admin.id(), "robot.create", robot.id(), "SUCCESS",
                        List.of(robot.regionCode())).thenReturn(View.of(robot)));
    }

    Mono<Void> delete(CurrentUser admin, String id) {
        return mongo.findById(id, Robot.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("群机器人不存在。")))
                .filter(robot -> admin.mayActIn(robot.regionCode()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("该群机器人不在您的管辖范围内。")))
                .flatMap(robot -> mongo.remove(query(where("_id").is(id)), Robot.class)
                        .then(audit.record(admin.id(), "robot.delete", id, "SUCCESS", List.of(robot.regionCode()))));
    }

    /** The decrypted webhook key, for the dispatcher only; empty when the robot was removed. */
    Mono<String> keyOf(String robotId) {
        return mongo.findById(robotId, Robot.class).map(robot -> cipher.decrypt(robot.webhookKey()));
    }
}
