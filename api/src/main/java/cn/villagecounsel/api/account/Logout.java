package cn.villagecounsel.api.account;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "Logout", description = "退出登录：撤销该刷新令牌所在的整个令牌族")
record Logout(
        @JsonProperty("refresh_token") @NotBlank(message = "缺少 refresh_token") @Size(max = 256, message = "refresh_token 过长")
        String refreshToken) {
}
