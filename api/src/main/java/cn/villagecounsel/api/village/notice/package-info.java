/**
 * The printable village notice (公示栏): a village's advisors, duty times, next sessions, 1+N team and a QR code
 * into the mini-program, rendered as an A4 PNG or PDF in Simplified Chinese.
 */
package cn.villagecounsel.api.village.notice;
