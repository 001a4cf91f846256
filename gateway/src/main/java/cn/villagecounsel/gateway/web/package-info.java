/**
 * Cross-cutting handling of every request: request ids, client addresses, security headers and size limits.
 */
package cn.villagecounsel.gateway.web;
