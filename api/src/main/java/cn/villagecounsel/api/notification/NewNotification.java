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
}
