package cn.villagecounsel.api.team;

import java.time.Instant;

import cn.villagecounsel.api.common.Phones;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the 1+N team endpoints. */
final class TeamForms {

    private TeamForms() {
    }

    @Schema(name = "NewNavigator", description = "添加法律明白人")
    record NewNavigator(
            @NotBlank(message = "请选择村（社区）") @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字")
            @Schema(example = "621025100201") String villageCode,
            @NotBlank(message = "请填写姓名") @Size(max = 20, message = "姓名不能超过 20 个字") @Schema(example = "张建国") String name,
            @NotNull(message = "请选择身份") NavigatorRole role,
            @Pattern(regexp = Phones.MOBILE, message = "手机号应为 11 位数字") @Schema(example = "13912345678") String phone,
            @Schema(description = "本人同意在公示栏公开手机号；不填为不同意") Boolean phoneConsent) {

        boolean consented() {
            return Boolean.TRUE.equals(phoneConsent);
        }
    }

    @Schema(name = "NavigatorEdit", description = "修改法律明白人信息")
    record NavigatorEdit(
            @NotBlank(message = "请填写姓名") @Size(max = 20, message = "姓名不能超过 20 个字") String name,
            @NotNull(message = "请选择身份") NavigatorRole role,
            @Pattern(regexp = Phones.MOBILE, message = "手机号应为 11 位数字")
            @Schema(description = "不填则不修改（响应中的手机号已脱敏）") String phone,
            @Schema(description = "本人同意在公示栏公开手机号；不填为不同意") Boolean phoneConsent) {

        boolean consented() {
            return Boolean.TRUE.equals(phoneConsent);
        }
    }

    @Schema(name = "InviteRedemption", description = "用邀请码加入本村 1+N 团队")
    record Redemption(
            @NotBlank(message = "请输入邀请码") @Size(max = 20, message = "邀请码格式不正确") @Schema(example = "K7PQ2MX9") String code) {
    }

    @Schema(name = "Navigator", description = "法律明白人（手机号已脱敏）")
    record NavigatorView(
            String id,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "张建国") String name,
            NavigatorRole role,
            @Schema(example = "村两委") String roleLabel,
            @Schema(example = "139****5678") String phone,
            boolean phoneConsent,
            @Schema(description = "INVITED 已邀请未加入；ACTIVE 已加入小程序") String status,
            Instant joinedAt) {
    }

    @Schema(name = "NavigatorInvited", description = "法律明白人及其一次性邀请码（只显示这一次）")
    record Invited(NavigatorView navigator, @Schema(example = "K7PQ2MX9") String inviteCode, Instant inviteExpiresAt) {
    }
}
