/**
 * Redis token-bucket rate limits on the api routes, per verified user or else per client address.
 */
package cn.villagecounsel.gateway.ratelimit;
