package cn.villagecounsel.api.booking;

import java.time.LocalDate;
import java.util.List;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.booking.BookingViews.BookingPage;
import cn.villagecounsel.api.booking.BookingViews.NoShowReport;
import cn.villagecounsel.api.booking.BookingViews.ScheduleView;
import cn.villagecounsel.api.booking.StaffBookings.Filter;
import cn.villagecounsel.api.common.CsvDownload;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.duty.DutyMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "预约管理", description = "法律顾问查看本人每天、每周的场次和预约；管理员查看辖区内的预约、导出和爽约率。")
class StaffBookingController {

    private static final List<String> COLUMNS = List.of("预约编号", "日期", "时间", "村（社区）",
            "地点", "方式", "法律顾问", "咨询事项", "问题说明", "预约人", "电话", "代约人", "状态", "取消原因", "预约时间");

    private final StaffBookings staff;

    StaffBookingController(StaffBookings staff) {
        this.staff = staff;
    }

    @GetMapping("/api/v1/advisor/bookings")
    @Operation(summary = "我的场次和预约", description = "本人在 from..to（北京时间，默认今天起 7 天，最多 31 天）的值班场次及每场的预约。")
    Mono<ScheduleView> mySchedule(CurrentUser advisor,
            @Parameter(example = "2026-12-07") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @Parameter(example = "2026-12-13") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return staff.schedule(advisor, null, from, to);
    }

    @GetMapping("/api/v1/admin/bookings/schedule")
    @Operation(summary = "某位顾问的场次和预约", description = "同“我的场次和预约”，只列出本辖区内的场次。")
    Mono<ScheduleView> schedule(CurrentUser admin, @RequestParam String advisorId,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return staff.schedule(admin, advisorId, from, to);
    }

    @GetMapping("/api/v1/admin/bookings")
    @Operation(summary = "辖区内的预约", description = "按预约时间倒序分页；日期为北京时间，按预约的开始时间筛选。电话已脱敏。")
    Mono<BookingPage> list(CurrentUser admin, @ParameterObject Query query,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return staff.list(admin, query.filter(), page, size);
    }

    @GetMapping("/api/v1/admin/bookings.csv")
    @Operation(summary = "导出预约（CSV）", description = "筛选条件同列表，最多 10000 条；UTF-8（带 BOM），电话已脱敏。导出记入审计日志。")
    @ApiResponse(responseCode = "200", description = "CSV 文件", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    Mono<ResponseEntity<byte[]>> export(CurrentUser admin, @ParameterObject Query query) {
        return staff.export(admin, query.filter()).map(views -> CsvDownload.of("预约导出.csv", COLUMNS,
                views.stream().map(view -> List.of(view.id(), view.date().toString(),
                        view.start() + "-" + view.end(), nz(view.villageName()), nz(view.place()), modeLabel(view.mode()),
                        nz(view.advisorName()), view.topicLabel(), nz(view.description()), nz(view.personName()),
                        nz(view.personPhone()), view.forNeighbour() ? nz(view.bookedByName()) : "",
                        statusLabel(view.status()), nz(view.cancelReason()), view.createdAt().toString())).toList()));
    }

    @GetMapping("/api/v1/admin/bookings/no-shows")
    @Operation(summary = "爽约率", description = "from..to（默认最近 90 天）已结束的预约中未到场的比例，按顾问和按村（社区）。")
    Mono<NoShowReport> noShows(CurrentUser admin, @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return staff.noShows(admin, region, from, to);
    }

    /** The list's query parameters. */
    record Query(
            @Parameter(description = "区划代码，默认为本人的管辖区划") String region,
            @Parameter(description = "村（社区）代码") String village,
            String advisorId,
            Status status,
            LegalTopic topic,
            @Parameter(example = "2026-12-01") @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @Parameter(example = "2026-12-31") @DateTimeFormat(iso = ISO.DATE) LocalDate to) {

        Filter filter() {
            return new Filter(region, village, advisorId, status, topic, from, to);
        }
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    private static String modeLabel(DutyMode mode) {
        return switch (mode) {
            case IN_PERSON -> "当面";
            case PHONE -> "电话";
            case VIDEO -> "视频";
        };
    }

    private static String statusLabel(Status status) {
        return switch (status) {
            case CONFIRMED -> "已预约";
            case CANCELLED -> "已取消";
            case ATTENDED -> "已到场";
            case NO_SHOW -> "未到场";
            case HELD, REFUSED -> status.name();
        };
    }
}
