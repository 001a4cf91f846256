package cn.villagecounsel.api.notification;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "站内消息", description = "每条通知都会进入收件人的站内消息，不依赖微信送达")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/me/notifications")
    @Operation(summary = "我的站内消息", description = "最新的在前，用 nextCursor 翻页；同时返回未读数。定时消息到时才出现。")
    Mono<NotificationView.Page> inbox(CurrentUser user,
            @Parameter(description = "上一页返回的 nextCursor") @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 50", example = "20") @RequestParam(defaultValue = "20") int limit) {
        return notifications.inbox(user, cursor, limit);
    }

    @PostMapping("/api/v1/me/notifications/{id}/read")
    @Operation(summary = "标记为已读", description = "重复标记不改变首次已读时间；他人的消息返回 404。")
    Mono<NotificationView.Item> read(CurrentUser user, @PathVariable String id) {
        return notifications.markRead(user, id);
    }
}
