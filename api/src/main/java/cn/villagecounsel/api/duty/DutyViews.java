package cn.villagecounsel.api.duty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the duty endpoints. */
final class DutyViews {

    private DutyViews() {
    }

    @Schema(name = "DutyRule", description = "值班规则")
    record DutyRuleView(
            @Schema(example = "6660a1b2c3d4e5f601234567") String id,
            String advisorId,
            @Schema(example = "李明") String advisorName,
            DutyKind kind,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "621025100000") String stationCode,
            @Schema(description = "村（社区）或坐班地点所在区划的名称", example = "柳林村") String regionName,
            @Schema(example = "柳林村村委会") String place,
            DutyMode mode,
            RecurrenceView recurrence,
            @Schema(example = "09:00") String startTime,
            @Schema(example = "12:00") String endTime,
            @Schema(example = "2026-12-01") LocalDate validFrom,
            @Schema(example = "2027-06-30") LocalDate validUntil,
            List<ExceptionView> exceptions,
            @Schema(description = "中文说明", example = "每周二 09:00–12:00") String schedule,
            @Schema(description = "每个预约时段的分钟数；空为系统默认", example = "30") Integer slotMinutes,
            @Schema(description = "每个预约时段可预约的人数；空为系统默认", example = "1") Integer placesPerSlot,
            Instant updatedAt) {
    }

    @Schema(name = "DutyRecurrenceView", description = "重复方式")
    record RecurrenceView(
            @Schema(example = "WEEKLY") Frequency frequency,
            @Schema(example = "[2]") List<Integer> daysOfWeek,
            @Schema(example = "1") Integer intervalWeeks,
            Integer weekOfMonth,
            LocalDate date) {
    }

    @Schema(name = "DutyExceptionView", description = "不值班的日期")
    record ExceptionView(@Schema(example = "2026-12-15") LocalDate date, @Schema(example = "县里集中培训") String reason) {
    }

    @Schema(name = "DutyRuleChange", description = "新建、修改或删除值班规则的结果")
    record DutyRuleChange(
            DutyRuleView rule,
            @Schema(description = "该规则今后已安排的场次数（在排班期限内）", example = "9") long sessions,
            @Schema(description = "因已有群众预约而保留、未随规则变更的场次（状态 DETACHED），请管理员决定是否取消")
            List<DutySessionView> keptWithBookings) {
    }

    @Schema(name = "DutySession", description = "一次值班")
    record DutySessionView(
            @Schema(example = "6660a1b2c3d4e5f601234567-20261208") String id,
            String ruleId,
            String advisorId,
            @Schema(example = "李明") String advisorName,
            DutyKind kind,
            @Schema(example = "621025100201") String villageCode,
            String stationCode,
            @Schema(example = "2026-12-08") LocalDate date,
            @Schema(example = "2026-12-08T01:00:00Z") Instant startAt,
            @Schema(example = "2026-12-08T04:00:00Z") Instant endAt,
            @Schema(description = "北京时间", example = "09:00") String start,
            @Schema(description = "北京时间", example = "12:00") String end,
            @Schema(example = "柳林村村委会") String place,
            DutyMode mode,
            DutyStatus status,
            @Schema(description = "预约人数", example = "0") int bookedCount,
            @Schema(example = "顾问出庭，改期另行通知") String cancelReason) {
    }
}
