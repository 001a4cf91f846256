package cn.villagecounsel.api.village;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.account.Memberships;
import cn.villagecounsel.api.account.WechatSessions;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FileStore;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.wechat.GroupEnterInfo;
import cn.villagecounsel.wechat.WechatDataInvalidException;
import reactor.core.publisher.Mono;

/**
 * The village's WeChat group: its QR image on the notice board, and the group's {@code opengid} bound to
 * the village so that a resident who opens a share card inside the group lands in the right village.
 */
@Service
class VillageGroups {

    static final int MAX_QR_BYTES = 2 * 1024 * 1024;

    private final ReactiveMongoTemplate mongo;
    private final Assignments assignments;
    private final RegionDirectory regions;
    private final FileStore files;
    private final WechatSessions wechatSessions;
    private final GroupEnterInfo groupEnterInfo;
    private final Memberships memberships;
    private final DirectoryChanges changes;
    private final AuditLog audit;

    VillageGroups(ReactiveMongoTemplate mongo, Assignments assignments, RegionDirectory regions, FileStore files,
            WechatSessions wechatSessions, GroupEnterInfo groupEnterInfo, Memberships memberships,
            DirectoryChanges changes, AuditLog audit) {
        this.mongo = mongo;
        this.assignments = assignments;
        this.regions = regions;
        this.files = files;
        this.wechatSessions = wechatSessions;
        this.groupEnterInfo = groupEnterInfo;
        this.memberships = memberships;
        this.changes = changes;
        this.audit = audit;
    }

    Mono<Void> replaceQr(CurrentUser user, String villageCode, FilePart file) {
        return manageableVillage(user, villageCode)
                .then(files.store(file, Set.of(FileStore.Kind.JPEG, FileStore.Kind.PNG), MAX_QR_BYTES, "file",
                        "group-qr"))
                .flatMap(qrId -> mongo.findAndModify(byVillage(villageCode),
                                new Update().set("groupQrId", qrId).set("updatedAt", Instant.now()),
                                FindAndModifyOptions.options().upsert(true), VillageSettings.class)
                        .flatMap(previous -> files.delete(previous.groupQrId()))
                        .then(changes.changed(villageCode))
                        .then(audit.record(user.id(), "village.group-qr", villageCode, "SUCCESS", List.of(villageCode))));
    }

    Mono<FileStore.Content> qr(String villageCode) {
        return mongo.findOne(byVillage(villageCode), VillageSettings.class)
                .flatMap(settings -> files.load(settings.groupQrId()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("该村（社区）还没有上传微信群二维码。")));
    }

    /** Binds the group the caller opened the share card in; a group belongs to one village, so it moves. */
    Mono<Void> bind(CurrentUser user, String villageCode, String encryptedData, String iv) {
        return manageableVillage(user, villageCode)
                .then(openGid(user, encryptedData, iv))
                .flatMap(openGid -> mongo.updateMulti(Query.query(Criteria.where("wechatGroups").is(openGid)
                                        .and("_id").ne(villageCode)),
                                new Update().pull("wechatGroups", openGid), VillageSettings.class)
                        .then(mongo.upsert(byVillage(villageCode),
                                new Update().addToSet("wechatGroups", openGid).set("updatedAt", Instant.now()),
                                VillageSettings.class))
                        .then(audit.record(user.id(), "village.group-bind", villageCode, "SUCCESS", List.of(villageCode))));
    }

    Mono<Void> unbindAll(CurrentUser user, String villageCode) {
        return manageableVillage(user, villageCode)
                .then(mongo.updateFirst(byVillage(villageCode), new Update().unset("wechatGroups"), VillageSettings.class))
                .then(audit.record(user.id(), "village.group-unbind", villageCode, "SUCCESS", List.of(villageCode)));
    }

    /** Routes a resident to the village their group is bound to. */
    Mono<VillageBoard.Place> arriveFromGroup(CurrentUser resident, String encryptedData, String iv) {
        return openGid(resident, encryptedData, iv)
                .flatMap(openGid -> mongo.findOne(Query.query(Criteria.where("wechatGroups").is(openGid)),
                        VillageSettings.class))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.NOT_FOUND, "GROUP_NOT_BOUND", "群未关联村（社区）",
                        "这个微信群还没有关联到村（社区），请在列表中选择您所在的村。")))
                .flatMap(settings -> regions.find(settings.villageCode())
                        .flatMap(village -> memberships.setHomeVillage(resident.id(), village.code())
                                .thenReturn(new VillageBoard.Place(village.code(), village.name()))));
    }

    private Mono<String> openGid(CurrentUser user, String encryptedData, String iv) {
        return wechatSessions.sessionKeyOf(user.id())
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "WECHAT_SESSION_MISSING",
                        "需要微信会话", "微信会话已过期，请在小程序中重新登录后再试。")))
                .flatMap(sessionKey -> groupEnterInfo.openGid(sessionKey, encryptedData, iv))
                .onErrorMap(WechatDataInvalidException.class, e -> new ApiProblem(HttpStatus.BAD_REQUEST,
                        "WECHAT_DATA_INVALID", "群信息无效", "无法读取群信息，请重新打开分享卡片后再试。"));
    }

    private Mono<Void> manageableVillage(CurrentUser user, String villageCode) {
        return assignments.requireManage(user, villageCode)
                .then(regions.find(villageCode))
                .filter(village -> village.level() == RegionLevel.VILLAGE)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("没有找到该村（社区）。")))
                .then();
    }

    private static Query byVillage(String villageCode) {
        return Query.query(Criteria.where("_id").is(villageCode));
    }
}
