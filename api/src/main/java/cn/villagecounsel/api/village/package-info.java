/**
 * The village's digital notice board (公示栏): who the advisor is, how to reach them, when they are in the
 * village, and the 1+N team — public, cached in Redis, printable with a QR code into the mini-program.
 */
package cn.villagecounsel.api.village;
