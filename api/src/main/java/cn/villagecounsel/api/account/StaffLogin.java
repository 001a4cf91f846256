package cn.villagecounsel.api.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "StaffLogin", description = "工作人员账号密码登录")
record StaffLogin(
        @NotBlank(message = "请输入用户名") @Size(max = 64, message = "用户名不能超过 64 个字符")
        @Schema(example = "zn-admin") String username,
        @NotBlank(message = "请输入密码") @Size(max = 128, message = "密码不能超过 128 个字符")
        @Schema(example = "Demo@2026") String password) {

    @Override
    public String toString() {
        return "StaffLogin[username=" + username + ", password=***]";
    }
}
