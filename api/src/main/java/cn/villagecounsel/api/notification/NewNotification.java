package cn.villagecounsel.api.notification;

import java.time.Instant;
import java.util.Map;

/**
 * What a feature asks to send.
 *
 * @param recipientId the user id
 * @param template a stable dotted name such as {@code booking.confirmed}; channels map it to their templates
 * @param title and {@code body}: the Chinese text the inbox shows
 * @param data the template's fields, for channels that fill a WeChat template
 * @param dedupeKey the event's identity: enqueuing it again changes nothing
 * @param regionCode the region the event belongs to, for admins' views
 * @param dueAt when to send; null for now (a reminder for tomorrow 08:00 waits until then)
 */
public record NewNotification(String recipientId, String template, String title, String body, Map<String, String> data,
        String dedupeKey, String regionCode, Instant dueAt) {

    /**
     * A message to a staff group through its WeCom robot (see {@link RobotRegistry#robotsFor}). A robot takes 20
     * messages a minute; more become one digest. Never put personal details in it: the whole group reads it.
     */
    public static NewNotification toRobot(String robotId, String template, String title, String body, String dedupeKey,
            String regionCode) {
        return new NewNotification(Notification.ROBOT_PREFIX + robotId, template, title, body, Map.of(), dedupeKey,
                regionCode, null);
    }
}
