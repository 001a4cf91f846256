/**
 * Serves the built admin console (a Vue single-page app) under {@code /admin/}.
 */
package cn.villagecounsel.gateway.admin;
