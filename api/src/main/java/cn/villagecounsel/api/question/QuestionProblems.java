package cn.villagecounsel.api.question;

import org.springframework.http.HttpStatus;

import cn.villagecounsel.api.common.ApiProblem;

/** The question feature's problems, each with a stable code and a Chinese detail. */
final class QuestionProblems {

    private QuestionProblems() {
    }

    static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "QUESTION_NOT_FOUND", "问题不存在", "没有找到这个问题，或您无权查看。");
    }

    static ApiProblem alreadyClaimed() {
        return conflict("ALREADY_CLAIMED", "已被认领", "这个问题已被其他法律顾问认领，请选择其他问题。");
    }

    static ApiProblem claimLimit(int max) {
        return conflict("CLAIM_LIMIT_REACHED", "认领数已达上限",
                "您同时最多可认领 " + max + " 个问题，请先答复或释放已认领的问题。");
    }

    static ApiProblem notHolder() {
        return conflict("NOT_CLAIMED_BY_YOU", "未由您认领", "这个问题不在您手中（认领已到期或已转交），请刷新后重试。");
    }

    static ApiProblem wrongState(String detail) {
        return conflict("QUESTION_STATE_CHANGED", "问题状态不允许此操作", detail);
    }

    static ApiProblem alreadyRated() {
        return conflict("ALREADY_RATED", "已评价", "您已经评价过这次答复。");
    }

    static ApiProblem reopenExpired(long days) {
        return conflict("REOPEN_EXPIRED", "已超过重新提问期限",
                "问题解决超过 " + days + " 天后不能再重新打开，请提一个新问题。");
    }

    static ApiProblem busy() {
        return conflict("QUESTION_BUSY", "请稍后再试", "这个问题正被多人同时操作，请稍后再试。");
    }

    static ApiProblem contentRefused() {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "CONTENT_NOT_ALLOWED", "内容未通过安全检查",
                "您填写的内容含有不适宜发布的信息，请修改后再提交。");
    }

    private static ApiProblem conflict(String code, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, title, detail);
    }
}
