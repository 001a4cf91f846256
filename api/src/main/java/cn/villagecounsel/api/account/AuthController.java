package cn.villagecounsel.api.account;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "登录与账号", description = "微信登录、工作人员登录、退出与当前用户")
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/api/v1/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "工作人员账号密码登录",
            description = "连续输错密码达到上限后账号临时锁定（423 ACCOUNT_LOCKED，带 Retry-After），锁定期间正确密码也无法登录。")
    @ApiResponse(responseCode = "200", description = "登录成功")
    Mono<TokenResponse> login(@Valid @RequestBody StaffLogin login) {
        return accounts.staffLogin(login);
    }

    @PostMapping(path = "/api/v1/auth/wechat", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "小程序微信登录",
            description = "用 wx.login 的 code 换取本平台令牌；session_key 只保存在服务器端。未配置小程序时为沙箱模式，code 形如 sandbox:<姓名>。")
    @ApiResponse(responseCode = "200", description = "登录成功")
    Mono<TokenResponse> wechat(@Valid @RequestBody WechatLogin login) {
        return accounts.wechatLogin(login);
    }

    @PostMapping(path = "/api/v1/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "退出登录", description = "撤销该刷新令牌所在的令牌族；访问令牌在其短有效期后自然失效。")
    @ApiResponse(responseCode = "204", description = "已退出")
    Mono<Void> logout(CurrentUser user, @Valid @RequestBody Logout logout) {
        return accounts.logout(user, logout.refreshToken());
    }

    @PostMapping(path = "/api/v1/me/wechat", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADVISOR', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "工作人员在小程序中关联微信会话",
            description = "法律顾问或管理员在小程序中登录后调用，用 wx.login 的 code 建立服务器端微信会话，以便绑定村微信群。")
    @ApiResponse(responseCode = "204", description = "已关联")
    Mono<Void> linkWechat(CurrentUser user, @Valid @RequestBody WechatLogin login) {
        return accounts.linkWechat(user, login.code());
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "当前登录用户", description = "角色、可管理的区划和已选择的村。")
    @ApiResponse(responseCode = "200", description = "当前用户")
    Mono<MeView> me(CurrentUser user) {
        return accounts.me(user);
    }

    @PutMapping(path = "/api/v1/me/village", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('RESIDENT', 'NAVIGATOR')")
    @Operation(summary = "选择我所在的村（社区）", description = "村民和法律明白人选择所在村后，首页显示本村的法律顾问与驻点时间。")
    @ApiResponse(responseCode = "200", description = "已选择，返回当前用户")
    @ApiResponse(responseCode = "404", description = "没有该村（社区），或代码不是村级（NOT_FOUND）", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    Mono<MeView> chooseVillage(CurrentUser user, @Valid @RequestBody ChooseVillage choice) {
        return accounts.chooseVillage(user, choice.villageCode());
    }
}
