package cn.villagecounsel.api.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The inbox as the recipient sees it. */
final class NotificationView {

    private NotificationView() {
    }

    @Schema(name = "Notification", description = "站内消息")
    record Item(
            String id,
            @Schema(example = "booking.confirmed") String template,
            @Schema(example = "预约成功") String title,
            @Schema(example = "您已预约 12 月 8 日 09:00 柳林村村委会的法律咨询。") String body,
            Map<String, String> data,
            @Schema(description = "发送（到期）时间") Instant sentAt,
            @Schema(description = "已读时间；未读为空") Instant readAt) {

        static Item of(Notification notification) {
            return new Item(notification.id(), notification.template(), notification.title(), notification.body(),
                    notification.data(), notification.dueAt(), notification.readAt());
        }
    }

    @Schema(name = "NotificationPage", description = "一页站内消息，最新的在前；nextCursor 为空表示没有更早的消息")
    record Page(List<Item> items, @Schema(description = "未读消息数") long unread, String nextCursor) {
    }
}
