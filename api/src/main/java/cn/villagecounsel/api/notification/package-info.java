/**
 * The notification centre: features enqueue a notification with a dedupe key instead of calling WeChat in the
 * request; a leased dispatcher in every instance sends it, at most once, through the person's channels
 * (subscription message, Official Account message) or a staff group's WeCom robot, and every notification is
 * readable in the recipient's in-app inbox. See docs/notifications.md.
 */
package cn.villagecounsel.api.notification;
