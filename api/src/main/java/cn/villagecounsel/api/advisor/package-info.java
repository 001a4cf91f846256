/**
 * Advisors (法律顾问) and their service agreements (服务协议) with villages. An advisor is a village's
 * advisor only under an active agreement that was filed with the county (备案); {@link
 * cn.villagecounsel.api.advisor.Assignments} answers that question for every other feature.
 */
package cn.villagecounsel.api.advisor;
