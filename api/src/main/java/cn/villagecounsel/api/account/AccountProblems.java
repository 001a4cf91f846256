package cn.villagecounsel.api.account;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import cn.villagecounsel.api.common.ApiProblem;

/** The problems sign-in can answer with; none says whether an account exists. */
final class AccountProblems {

    private AccountProblems() {
    }

    static final class InvalidCredentials extends ApiProblem {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "登录失败", "用户名或密码错误。");
        }
    }

    static final class AccountLocked extends ApiProblem {
        AccountLocked(Duration retryAfter) {
            super(HttpStatus.LOCKED, "ACCOUNT_LOCKED", "账号已被临时锁定",
                    "密码错误次数过多，账号已被临时锁定，请 " + Math.max(1, (retryAfter.toSeconds() + 59) / 60)
                            + " 分钟后再试。",
                    retryAfter);
        }
    }

    static final class InvalidGrant extends ApiProblem {
        InvalidGrant() {
            super(HttpStatus.BAD_REQUEST, "INVALID_GRANT", "登录已失效", "登录已失效或已在其他地方退出，请重新登录。");
        }
    }

    static final class InvalidClient extends ApiProblem {
        InvalidClient() {
            super(HttpStatus.UNAUTHORIZED, "INVALID_CLIENT", "客户端认证失败", "客户端编号或密钥错误。");
        }
    }

    static final class UnsupportedGrantType extends ApiProblem {
        UnsupportedGrantType() {
            super(HttpStatus.BAD_REQUEST, "UNSUPPORTED_GRANT_TYPE", "不支持的授权类型",
                    "grant_type 只支持 client_credentials 和 refresh_token。");
        }
    }

    static final class WechatCodeRejected extends ApiProblem {
        WechatCodeRejected() {
            super(HttpStatus.BAD_REQUEST, "WECHAT_CODE_INVALID", "微信登录失败", "微信登录凭证无效或已使用，请重新打开小程序后再试。");
        }
    }

    static final class WechatBusy extends ApiProblem {
        WechatBusy(Duration retryAfter) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "WECHAT_UNAVAILABLE", "微信服务繁忙", "微信服务暂时不可用，请稍后重试。",
                    retryAfter);
        }
    }

    static final class AccountDisabled extends ApiProblem {
        AccountDisabled() {
            super(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "账号已停用", "该账号已停用，请联系管理员。");
        }
    }
}
