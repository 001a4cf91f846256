package cn.villagecounsel.api.booking;

import org.springframework.http.HttpStatus;

import cn.villagecounsel.api.common.ApiProblem;

/** The booking feature's conflicts (409), each with a stable code and a Chinese detail. */
final class BookingProblems {

    private BookingProblems() {
    }

    static ApiProblem slotFull() {
        return conflict("SLOT_FULL", "名额已满", "该时段已约满，可以选择其他时段，或加入候补：有人取消时会按顺序通知您。");
    }

    static ApiProblem alreadyBooked() {
        return conflict("ALREADY_BOOKED", "已预约该时段", "您已预约了这个时段，不需要重复预约。");
    }

    static ApiProblem tooLate() {
        return conflict("TOO_LATE", "预约已截止", "该时段即将开始或已经开始，不能再预约，请选择其他时段。");
    }

    static ApiProblem notOpen(long days) {
        return conflict("NOT_OPEN", "尚未开放预约", "该时段尚未开放预约，最多可提前 " + days + " 天预约。");
    }

    static ApiProblem limitReached(int max) {
        return conflict("LIMIT_REACHED", "预约数已达上限",
                "每人最多同时有 " + max + " 个未完成的预约，请先参加或取消已有的预约。");
    }

    static ApiProblem tooLateToChange(long hours) {
        return conflict("TOO_LATE_TO_CHANGE", "已过自行修改的时间",
                "距开始不足 " + hours + " 小时，不能再自行取消或改约，请联系法律顾问。");
    }

    static ApiProblem closed() {
        return conflict("BOOKING_CLOSED", "预约已结束", "该预约已取消或已结束，不能再修改。");
    }

    static ApiProblem busy() {
        return conflict("BOOKING_BUSY", "预约正在修改", "该预约正在被修改，请稍后刷新再试。");
    }

    static ApiProblem tooEarly() {
        return conflict("TOO_EARLY", "预约时间未到", "预约时间还没到，不能登记到场情况。");
    }

    static ApiProblem slotAvailable() {
        return conflict("SLOT_AVAILABLE", "还有名额", "该时段还有名额，请直接预约。");
    }

    static ApiProblem alreadyWaiting() {
        return conflict("ALREADY_WAITING", "已在候补中", "您已在这个时段的候补名单中。");
    }

    static ApiProblem offerExpired() {
        return conflict("OFFER_EXPIRED", "候补名额已失效", "候补名额已过确认时间或已让给下一位，请重新选择时段。");
    }

    private static ApiProblem conflict(String code, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, title, detail);
    }
}
