package cn.villagecounsel.api.duty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the duty endpoints. */
final class DutyForms {

    static final String CODE = "\\d{12}";

    private DutyForms() {
    }

    @Schema(name = "DutyRuleForm", description = "值班规则：驻村（ON_SITE，填 villageCode）或坐班（DESK，填 stationCode：乡镇或县的代码）")
    record RuleForm(
            @Schema(description = "法律顾问编号；顾问本人提交时可不填（默认为本人）", example = "665f0c0e9b1e8a3d4c2b1a00")
            String advisorId,
            @NotNull(message = "请选择值班类型") @Schema(example = "ON_SITE") DutyKind kind,
            @Pattern(regexp = CODE, message = "村（社区）代码应为 12 位数字")
            @Schema(description = "驻村值班的村（社区）代码", example = "621025100201") String villageCode,
            @Pattern(regexp = CODE, message = "坐班地点代码应为 12 位数字")
            @Schema(description = "坐班值班的乡镇（司法所、公共法律服务工作站）或县（公共法律服务中心）代码",
                    example = "621025100000") String stationCode,
            @NotBlank(message = "请填写值班地点") @Size(max = 60, message = "值班地点不能超过 60 个字")
            @Schema(example = "柳林村村委会") String place,
            @NotNull(message = "请选择服务方式") @Schema(example = "IN_PERSON") DutyMode mode,
            @NotNull(message = "请填写重复方式") @Valid RecurrenceForm recurrence,
            @NotNull(message = "请填写开始时间") @Schema(type = "string", example = "09:00") LocalTime startTime,
            @NotNull(message = "请填写结束时间") @Schema(type = "string", example = "12:00") LocalTime endTime,
            @Schema(description = "生效日期；仅一次的值班可不填", example = "2026-12-01") LocalDate validFrom,
            @Schema(description = "截止日期，距生效日期不超过 2 年；仅一次的值班可不填", example = "2027-06-30")
            LocalDate validUntil,
            @Size(max = 100, message = "例外日期不能超过 100 个") List<@Valid @NotNull(message = "例外日期不能为空")
                    ExceptionForm> exceptions,
            @Min(value = 10, message = "每个预约时段应为 10 到 240 分钟") @Max(value = 240, message = "每个预约时段应为 10 到 240 分钟")
            @Schema(description = "每个预约时段的分钟数；不填用系统默认（30 分钟）", example = "30") Integer slotMinutes,
            @Min(value = 1, message = "每个时段可预约人数应为 1 到 50") @Max(value = 50, message = "每个时段可预约人数应为 1 到 50")
            @Schema(description = "每个预约时段可预约的人数；不填用系统默认（1 人）", example = "1") Integer placesPerSlot) {
    }

    @Schema(name = "DutyRecurrence", description = """
            WEEKLY：每周 daysOfWeek（1–7，周一为 1），可选 intervalWeeks（每隔几周，从生效日期所在周算起）；\
            MONTHLY：每月第 weekOfMonth 个（1–5，-1 为最后一个）星期 dayOfWeek（或 daysOfWeek）；ONCE：仅 date 当天。""")
    record RecurrenceForm(
            @NotNull(message = "请选择重复方式") @Schema(example = "WEEKLY") Frequency frequency,
            @Size(max = 7, message = "每周最多 7 天")
            @Schema(example = "[1, 2, 3, 4, 5]") List<@NotNull @Min(value = 1, message = "星期应为 1 到 7")
                    @Max(value = 7, message = "星期应为 1 到 7") Integer> daysOfWeek,
            @Min(value = 1, message = "星期应为 1 到 7") @Max(value = 7, message = "星期应为 1 到 7")
            @Schema(description = "MONTHLY 的星期几（与 daysOfWeek 二选一）", example = "2") Integer dayOfWeek,
            @Min(value = 1, message = "间隔周数应为 1 到 4") @Max(value = 4, message = "间隔周数应为 1 到 4")
            @Schema(description = "WEEKLY 每隔几周一次，默认 1", example = "1") Integer intervalWeeks,
            @Schema(description = "MONTHLY 每月第几个（1–5，-1 为最后一个）", example = "2") Integer weekOfMonth,
            @Schema(description = "ONCE 的日期", example = "2026-12-08") LocalDate date) {
    }

    @Schema(name = "DutyException", description = "不值班的日期")
    record ExceptionForm(
            @NotNull(message = "请填写日期") @Schema(example = "2026-12-15") LocalDate date,
            @Size(max = 60, message = "原因不能超过 60 个字") @Schema(example = "县里集中培训") String reason) {
    }

    @Schema(name = "DutyCancellation", description = "取消一次值班")
    record CancelForm(
            @NotBlank(message = "请填写取消原因") @Size(max = 200, message = "取消原因不能超过 200 个字")
            @Schema(example = "顾问出庭，改期另行通知") String reason) {
    }
}
