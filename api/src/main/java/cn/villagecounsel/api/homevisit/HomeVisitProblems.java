package cn.villagecounsel.api.homevisit;

import org.springframework.http.HttpStatus;

import cn.villagecounsel.api.common.ApiProblem;

/** The problems of home-visit requests besides validation, 403 and 404. */
final class HomeVisitProblems {

    private HomeVisitProblems() {
    }

    /** The request is not (or no longer) in a state that allows the action: someone else acted first, or it is over. */
    static final class WrongState extends ApiProblem {
        WrongState(String detail) {
            super(HttpStatus.CONFLICT, "HOME_VISIT_STATE", "申请状态已变化", detail);
        }
    }

    static final class NotStarted extends ApiProblem {
        NotStarted() {
            super(HttpStatus.CONFLICT, "HOME_VISIT_NOT_STARTED", "上门时间未到", "约定的上门时间还没到，上门后再登记完成。");
        }
    }

    static final class KeyReused extends ApiProblem {
        KeyReused() {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED", "重复的请求编号",
                    "这个 Idempotency-Key 已用于另一份内容不同的申请，请为新申请换一个编号。");
        }
    }
}
