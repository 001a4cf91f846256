/**
 * Home visits (上门服务, 绿色通道): residents who are elderly, disabled or seriously ill ask their village's legal
 * advisor to come to them; the advisor or an admin schedules the visit, declines it with a reason, or records it
 * as done. Every state change is one conditional update on the request document. See docs/home-visits.md.
 */
package cn.villagecounsel.api.homevisit;
