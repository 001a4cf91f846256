package cn.villagecounsel.api.question;

import org.springframework.http.HttpStatus;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.question.CannedAnswer.Scope;

/** The problems of canned answers besides validation, 403 and 404. */
final class CannedAnswerProblems {

    private CannedAnswerProblems() {
    }

    static final class LimitReached extends ApiProblem {
        LimitReached(Scope scope) {
            super(HttpStatus.CONFLICT, "CANNED_ANSWER_LIMIT_REACHED", "常用回复已达上限", (scope == Scope.PERSONAL
                    ? "个人常用回复最多 " : "每个区划的共享常用回复最多 ")
                    + CannedAnswerService.MAX_PER_SHELF + " 条，请先删除不再使用的。");
        }
    }

    /** The editor read an older revision: someone (or the same advisor on another device) saved in between. */
    static final class Changed extends ApiProblem {
        Changed() {
            super(HttpStatus.CONFLICT, "CANNED_ANSWER_CHANGED", "常用回复已被修改",
                    "这条常用回复在您打开后被修改过（可能是在另一台设备上），请刷新后再改。");
        }
    }
}
