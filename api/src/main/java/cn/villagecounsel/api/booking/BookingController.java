package cn.villagecounsel.api.booking;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.booking.BookingForms.AttendanceForm;
import cn.villagecounsel.api.booking.BookingForms.BookingForm;
import cn.villagecounsel.api.booking.BookingForms.CancelForm;
import cn.villagecounsel.api.booking.BookingForms.LinkForm;
import cn.villagecounsel.api.booking.BookingForms.NoteForm;
import cn.villagecounsel.api.booking.BookingForms.RescheduleForm;
import cn.villagecounsel.api.booking.BookingViews.BookingView;
import cn.villagecounsel.api.booking.BookingViews.SlotListing;
import cn.villagecounsel.api.booking.BookingViews.WaitlistView;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "预约咨询", description = """
        群众（含法律明白人为邻居代约）预约法律顾问的值班时间：查看时段、预约、取消、改约、候补。\
        每个时段的名额由一次条件原子更新扣减，同一人同一时段只能有一个预约，重复提交同一 Idempotency-Key 返回同一预约。""")
class BookingController {

    private final SlotCatalog catalog;
    private final BookingService bookings;
    private final StaffBookings staff;
    private final Waitlist waitlist;

    BookingController(SlotCatalog catalog, BookingService bookings, StaffBookings staff, Waitlist waitlist) {
        this.catalog = catalog;
        this.bookings = bookings;
        this.staff = staff;
        this.waitlist = waitlist;
    }

    @GetMapping("/api/v1/villages/{code}/slots")
    @Operation(summary = "可预约的时段", description = """
            本村驻村值班及所属乡镇、县坐班值班切分出的时段（北京时间日期 from..to，默认今天起 28 天，一次最多 62 天），\
            含剩余名额和状态：OPEN 可预约，FULL 已约满（可候补），CLOSED 已截止（开始前 2 小时）或尚未开放。无需登录。""")
    Mono<SlotListing> slots(@PathVariable String code,
            @Parameter(example = "2026-12-01") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @Parameter(example = "2026-12-28") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return catalog.list(code, from, to);
    }

    @PostMapping("/api/v1/bookings")
    @Operation(summary = "预约", description = """
            请求头 Idempotency-Key 必填；同一 Key 重复提交返回同一预约（200），新预约返回 201。\
            409：SLOT_FULL 已约满（可加入候补），ALREADY_BOOKED 已预约该时段，TOO_LATE 已截止，NOT_OPEN 尚未开放，\
            LIMIT_REACHED 未完成的预约数已达上限（默认 3 个），SESSION_CHANGED 场次已取消或调整。\
            法律明白人为邻居代约时填 forNeighbour（姓名、电话、同意方式）；响应中的 shareCode 可分享给邻居查看。""")
    Mono<ResponseEntity<BookingView>> book(CurrentUser user,
            @Parameter(description = "本次请求的唯一编号，重试时保持不变", example = "b7a1c3e0-5f2d-4c1e-9a77-2f1c0d9e8b11")
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Validated @RequestBody BookingForm form) {
        return bookings.book(user, key, form).map(booked -> ResponseEntity
                .status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK).body(booked.booking()));
    }

    @GetMapping("/api/v1/bookings/mine")
    @Operation(summary = "我的预约", description = "本人的预约和本人为邻居代约的预约：未结束的按时间先后在前，已结束的在后，最多 100 条。")
    Mono<List<BookingView>> mine(CurrentUser user) {
        return bookings.mine(user);
    }

    @GetMapping("/api/v1/bookings/{id}")
    @Operation(summary = "查看预约", description = "预约人、被代约的邻居、该场次或该村的法律顾问、辖区管理员可以查看；其他人 403。")
    Mono<BookingView> get(CurrentUser user, @PathVariable String id) {
        return bookings.get(user, id);
    }

    @PostMapping("/api/v1/bookings/{id}/cancel")
    @Operation(summary = "取消预约", description = """
            群众在开始前 2 小时（vc.booking.change-cutoff）之前可自行取消；之后只能由法律顾问或管理员取消，且须填写原因\
            （会通知群众）。重复取消返回同一结果，名额只退回一次，并优先让给候补的第一位。""")
    Mono<BookingView> cancel(CurrentUser user, @PathVariable String id, @Validated @RequestBody(required = false) CancelForm form) {
        return bookings.cancel(user, id, form == null ? null : form.reason());
    }

    @PostMapping("/api/v1/bookings/{id}/reschedule")
    @Operation(summary = "改约", description = """
            改到本村（或所属乡镇、县坐班）的另一个时段：先占新时段的名额，再在一次更新中改过去，最后退回原名额，\
            任何时候都只有一个预约。截止时间同取消；新时段约满时返回 409 SLOT_FULL，原预约不变。""")
    Mono<BookingView> reschedule(CurrentUser user, @PathVariable String id, @Validated @RequestBody RescheduleForm form) {
        return bookings.reschedule(user, id, form);
    }

    @PostMapping("/api/v1/bookings/link")
    @Operation(summary = "邻居查看代约", description = "被代约的邻居凭法律明白人分享的编码，把这次预约加到自己的“我的预约”中。")
    Mono<BookingView> link(CurrentUser user, @Validated @RequestBody LinkForm form) {
        return bookings.link(user, form.code());
    }

    @PostMapping("/api/v1/bookings/{id}/attendance")
    @Operation(summary = "登记到场情况", description = """
            该场次的法律顾问或辖区管理员在预约开始后登记 ATTENDED 或 NO_SHOW（30 天内可更正）。\
            驻村场次有人到场即记入顾问在该村的驻点时长。""")
    Mono<BookingView> attendance(CurrentUser user, @PathVariable String id, @Validated @RequestBody AttendanceForm form) {
        return staff.attendance(user, id, form.outcome());
    }

    @PutMapping("/api/v1/bookings/{id}/note")
    @Operation(summary = "顾问备注", description = "仅工作人员可见。")
    Mono<BookingView> note(CurrentUser user, @PathVariable String id, @Validated @RequestBody NoteForm form) {
        return staff.note(user, id, form.note());
    }

    @GetMapping("/api/v1/bookings/{id}/phone")
    @Operation(summary = "查看预约人完整电话", description = "供法律顾问回电；每次查看记入审计日志。")
    Mono<Map<String, String>> phone(CurrentUser user, @PathVariable String id) {
        return staff.phone(user, id).map(phone -> Map.of("phone", phone));
    }

    // ---- waitlist ----

    @PostMapping("/api/v1/bookings/waitlist")
    @Operation(summary = "加入候补", description = """
            仅限已约满的时段（否则 409 SLOT_AVAILABLE）。有人取消时名额按先后顺序保留给候补者，\
            并通知其在保留时间（默认 2 小时）内确认。每人最多同时候补 5 个时段。""")
    Mono<ResponseEntity<WaitlistView>> join(CurrentUser user, @Validated @RequestBody BookingForm form) {
        return catalog.place(form.slotId())
                .flatMap(placed -> bookings.applicant(user, form, placed.session())
                        .flatMap(applicant -> waitlist.join(placed, applicant)))
                .map(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping("/api/v1/bookings/waitlist/mine")
    @Operation(summary = "我的候补")
    Mono<List<WaitlistView>> myWaitlist(CurrentUser user) {
        return waitlist.mine(user);
    }

    @PostMapping("/api/v1/bookings/waitlist/{id}/accept")
    @Operation(summary = "确认候补名额", description = "把为您保留的名额转为预约；超过保留时间返回 409 OFFER_EXPIRED。")
    Mono<ResponseEntity<BookingView>> accept(CurrentUser user, @PathVariable String id) {
        return bookings.acceptOffer(user, id).map(booked -> ResponseEntity
                .status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK).body(booked.booking()));
    }

    @PostMapping("/api/v1/bookings/waitlist/{id}/leave")
    @Operation(summary = "退出候补", description = "已为您保留的名额会让给下一位。")
    Mono<WaitlistView> leave(CurrentUser user, @PathVariable String id) {
        return waitlist.leave(user, id);
    }
}
