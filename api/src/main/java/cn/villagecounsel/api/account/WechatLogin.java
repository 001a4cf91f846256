package cn.villagecounsel.api.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "WechatLogin", description = "小程序 wx.login 取得的 code；沙箱模式下为 sandbox:<姓名>")
record WechatLogin(
        @NotBlank(message = "缺少微信登录凭证 code") @Size(max = 128, message = "code 过长")
        @Schema(example = "sandbox:张三") String code) {
}
