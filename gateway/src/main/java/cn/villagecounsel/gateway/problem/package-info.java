/**
 * Errors the gateway answers itself, written as RFC 9457 {@code application/problem+json}.
 */
package cn.villagecounsel.gateway.problem;
