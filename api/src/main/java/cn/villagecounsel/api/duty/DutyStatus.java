package cn.villagecounsel.api.duty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A session's state. {@code DETACHED}: its rule no longer produces it (the rule was changed or deleted) but it
 * was kept because residents had booked it; it still takes place until an admin cancels it.
 */
@Schema(description = "值班场次状态：PLANNED 已安排，CANCELLED 已取消，DETACHED 规则已变更但因已有预约而保留")
public enum DutyStatus {
    PLANNED, CANCELLED, DETACHED
}
