package cn.villagecounsel.api.notification;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "订阅消息", description = "记录用户在小程序中对一次性订阅消息模板的授权：每次同意可发送一条")
class SubscriptionController {

    private final SubscriptionCredits credits;

    SubscriptionController(SubscriptionCredits credits) {
        this.credits = credits;
    }

    @Schema(name = "SubscriptionResult", description = "wx.requestSubscribeMessage 对某个模板的结果")
    record Answer(
            @NotBlank(message = "缺少模板编号") @Pattern(regexp = "^[A-Za-z0-9_-]{1,64}$", message = "模板编号格式不正确")
            @Schema(example = "bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAHLxHpmhUZs") String templateId,
            @NotBlank(message = "缺少授权结果") @Pattern(regexp = "^(accept|reject|ban|filter)$",
                    message = "授权结果只能是 accept、reject、ban 或 filter") @Schema(example = "accept") String result) {
    }

    @Schema(name = "SubscriptionCredit", description = "某个模板还可发送的次数")
    record CreditView(String templateId, int credits) {

        static CreditView of(SubscriptionCredits.Credit credit) {
            return new CreditView(credit.templateId(), credit.credits());
        }
    }

    @PostMapping("/api/v1/me/subscriptions")
    @PreAuthorize("hasAnyRole('RESIDENT', 'NAVIGATOR', 'ADVISOR')")
    @Operation(summary = "记录订阅消息授权", description = "小程序把每个模板的授权结果转交过来；accept 增加一次可发送次数，其他结果不增加。")
    Mono<CreditView> record(CurrentUser user, @Validated @RequestBody Answer answer) {
        return credits.record(user.id(), answer.templateId(), answer.result()).map(CreditView::of);
    }

    @GetMapping("/api/v1/me/subscriptions")
    @Operation(summary = "我的订阅消息可发送次数")
    Flux<CreditView> mine(CurrentUser user) {
        return credits.of(user.id()).map(CreditView::of);
    }
}
