package cn.villagecounsel.api.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.notification.Notification.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "通知投递（管理）", description = "辖区内通知的投递情况、失败重发与渠道健康")
class NotificationAdminController {

    private final NotificationAdmin admin;

    NotificationAdminController(NotificationAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/api/v1/admin/notifications")
    @Operation(summary = "投递记录", description = "按收件人、状态、渠道、模板和时间筛选，最新的在前，用 nextCursor 翻页；只含本辖区的通知。")
    Mono<NotificationAdmin.Page> deliveries(CurrentUser user,
            @Parameter(description = "区划代码，默认为本人的管辖区划") @RequestParam(required = false) String region,
            @RequestParam(required = false) Status status,
            @Parameter(description = "送达渠道：SUBSCRIPTION（订阅消息）、OFFICIAL_ACCOUNT（公众号客服消息）、ROBOT（企业微信群机器人）、INBOX（仅站内信）、SANDBOX（沙箱）") @RequestParam(required = false) String channel,
            @Parameter(description = "模板，如 booking.confirmed") @RequestParam(required = false) String template,
            @RequestParam(required = false) String recipientId,
            @Parameter(description = "创建时间不早于（ISO-8601）") @RequestParam(required = false) Instant from,
            @Parameter(description = "创建时间早于（ISO-8601）") @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 100") @RequestParam(defaultValue = "50") int limit) {
        return admin.deliveries(user,
                new NotificationAdmin.Filter(region, status, channel, template, recipientId, from, to, cursor, limit));
    }

    @PostMapping("/api/v1/admin/notifications/{id}/retry")
    @Operation(summary = "重发失败或未确认的通知", description = "只对投递失败（DEAD）或发送中服务中断、未能确认送达（UNCONFIRMED）的通知有效，否则 409 NOT_DEAD_LETTER；未确认的通知重发后收件人可能收到两次；留有审计记录。")
    Mono<NotificationAdmin.Delivery> retry(CurrentUser user, @PathVariable String id) {
        return admin.retry(user, id);
    }

    @GetMapping("/api/v1/admin/notifications/health")
    @Operation(summary = "渠道健康", description = "各渠道最近一小时的成功、失败、被微信限流（45009 等）和转给下一渠道（如没有订阅次数）的次数。")
    Mono<List<NotificationAdmin.ChannelHealth>> health() {
        return admin.health();
    }
}
