package cn.villagecounsel.api.duty;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** A session as the notice board shows it. */
@Schema(name = "DutySessionCard", description = "公示的值班场次")
public record DutySessionCard(
        @Schema(example = "6660a1b2c3d4e5f601234567-20261208") String id,
        @Schema(example = "2026-12-08") LocalDate date,
        @Schema(example = "2026-12-08T01:00:00Z") Instant startAt,
        @Schema(example = "2026-12-08T04:00:00Z") Instant endAt,
        @Schema(description = "北京时间", example = "09:00") String start,
        @Schema(description = "北京时间", example = "12:00") String end,
        DutyKind kind,
        @Schema(example = "柳林村村委会") String place,
        DutyMode mode,
        @Schema(example = "李明") String advisorName,
        DutyStatus status) {
}
