package cn.villagecounsel.api.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.duty.DutyKind;
import cn.villagecounsel.api.duty.DutyMode;
import cn.villagecounsel.api.duty.DutyStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the booking endpoints. */
final class BookingViews {

    private BookingViews() {
    }

    @Schema(name = "BookingSlots", description = "某村（社区）可预约的时段")
    record SlotListing(
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "柳林村") String villageName,
            LocalDate from,
            LocalDate to,
            List<SlotView> slots) {
    }

    @Schema(name = "BookingSlot", description = "一个预约时段")
    record SlotView(
            @Schema(example = "6660a1b2c3d4e5f601234567-20261208@0900") String id,
            String sessionId,
            @Schema(example = "2026-12-08") LocalDate date,
            Instant startAt,
            Instant endAt,
            @Schema(description = "北京时间", example = "09:00") String start,
            @Schema(description = "北京时间", example = "09:30") String end,
            DutyKind kind,
            @Schema(example = "柳林村村委会") String place,
            @Schema(description = "可选的咨询方式") List<DutyMode> modes,
            String advisorId,
            @Schema(example = "李明") String advisorName,
            @Schema(example = "1") int capacity,
            @Schema(description = "剩余名额", example = "1") int remaining,
            @Schema(description = "OPEN 可预约，FULL 已约满（可加入候补），CLOSED 已截止或尚未开放") State state,
            @Schema(description = "是否可以加入候补") boolean waitlist) {

        enum State {
            OPEN, FULL, CLOSED
        }
    }

    @Schema(name = "Booking", description = "一次预约")
    record BookingView(
            @Schema(example = "6671b2c3d4e5f60123456789") String id,
            @Schema(description = "CONFIRMED 已预约，CANCELLED 已取消，ATTENDED 已到场，NO_SHOW 未到场") Status status,
            String slotId,
            String sessionId,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "柳林村") String villageName,
            DutyKind kind,
            @Schema(example = "柳林村村委会") String place,
            @Schema(example = "2026-12-08") LocalDate date,
            Instant startAt,
            Instant endAt,
            @Schema(example = "09:00") String start,
            @Schema(example = "09:30") String end,
            DutyMode mode,
            String advisorId,
            @Schema(example = "李明") String advisorName,
            LegalTopic topic,
            @Schema(example = "土地承包与流转") String topicLabel,
            @Schema(example = "承包地被邻居占用，想咨询怎么处理") String description,
            @Schema(example = "王桂英") String personName,
            @Schema(description = "已脱敏", example = "139****4321") String personPhone,
            @Schema(description = "是否由法律明白人代约") boolean forNeighbour,
            @Schema(example = "赵文华") String bookedByName,
            @Schema(description = "群众自行取消或改约的截止时间") Instant changeUntil,
            @Schema(description = "当前用户现在能否取消或改约") boolean canChange,
            @Schema(example = "顾问临时出庭") String cancelReason,
            Role cancelledByRole,
            Instant cancelledAt,
            @Schema(description = "顾问备注，仅工作人员可见") String note,
            Instant attendanceAt,
            @Schema(description = "分享给邻居查看本预约的编码，仅代约人可见", example = "K7Q2M9XP") String shareCode,
            Instant createdAt) {
    }

    @Schema(name = "BookingSchedule", description = "顾问某几天的场次和预约")
    record ScheduleView(LocalDate from, LocalDate to, List<SessionBookings> sessions) {
    }

    @Schema(name = "BookingSession", description = "一个场次及其预约")
    record SessionBookings(
            String sessionId,
            LocalDate date,
            @Schema(example = "09:00") String start,
            @Schema(example = "12:00") String end,
            DutyKind kind,
            String place,
            String villageCode,
            @Schema(description = "村（社区）或坐班地点的名称", example = "柳林村") String regionName,
            DutyMode mode,
            DutyStatus status,
            @Schema(description = "全部时段的名额", example = "6") int capacity,
            @Schema(description = "已预约人数", example = "2") int booked,
            List<BookingView> bookings) {
    }

    @Schema(name = "BookingPage", description = "一页预约")
    record BookingPage(List<BookingView> items, long total, int page, int size) {
    }

    @Schema(name = "NoShowReport", description = "爽约率：已结束（到场或未到场）的预约中未到场的比例")
    record NoShowReport(String region, LocalDate from, LocalDate to, long finished, long noShows, Double rate,
            List<NoShowRow> byAdvisor, List<NoShowRow> byVillage) {
    }

    @Schema(name = "NoShowRow", description = "一位顾问或一个村（社区）的爽约率")
    record NoShowRow(
            @Schema(description = "顾问编号或村（社区）代码") String id,
            @Schema(example = "李明") String name,
            long finished,
            long noShows,
            @Schema(description = "0 到 1；没有已结束的预约时为空", example = "0.125") Double rate) {
    }

    @Schema(name = "WaitlistPlace", description = "候补")
    record WaitlistView(
            String id,
            @Schema(description = "WAITING 候补中，OFFERED 有名额待确认，ACCEPTED 已转为预约，EXPIRED 未确认已过期，LEFT 已退出")
            WaitlistEntry.Status status,
            String slotId,
            LocalDate date,
            Instant startAt,
            @Schema(example = "09:00") String start,
            @Schema(example = "09:30") String end,
            LegalTopic topic,
            @Schema(description = "排在第几位（候补中时）", example = "2") Integer position,
            @Schema(description = "名额保留到何时（有名额待确认时）") Instant offerExpiresAt,
            @Schema(description = "接受名额后生成的预约") String bookingId,
            Instant createdAt) {
    }
}
