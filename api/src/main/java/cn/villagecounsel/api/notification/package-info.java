/**
 * The notification centre (issue 4): features enqueue a notification with a dedupe key instead of calling
 * WeChat in the request; every notification is readable in the recipient's in-app inbox. Channel delivery
 * (subscription messages, Official Account, WeCom robots) through a leased dispatcher comes next.
 */
package cn.villagecounsel.api.notification;
