/**
 * The only public entry: routes to the api, rate limits, request ids, security headers and the admin console.
 */
package cn.villagecounsel.gateway;
