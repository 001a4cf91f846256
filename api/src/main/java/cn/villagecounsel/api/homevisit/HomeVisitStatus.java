package cn.villagecounsel.api.homevisit;

import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where a home-visit request stands. */
@Schema(description = "REQUESTED 待安排，SCHEDULED 已安排，DECLINED 未能上门，COMPLETED 已完成，CANCELLED 已撤销")
enum HomeVisitStatus {
    REQUESTED("待安排"),
    SCHEDULED("已安排"),
    DECLINED("未能上门"),
    COMPLETED("已完成"),
    CANCELLED("已撤销");

    /** Still open: the requester may cancel, staff may (re-)schedule or decline. */
    static final Set<HomeVisitStatus> OPEN = Set.of(REQUESTED, SCHEDULED);

    private final String label;

    HomeVisitStatus(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
