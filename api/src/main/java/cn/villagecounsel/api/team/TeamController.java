package cn.villagecounsel.api.team;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.account.TokenResponse;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.team.TeamForms.Invited;
import cn.villagecounsel.api.team.TeamForms.NavigatorEdit;
import cn.villagecounsel.api.team.TeamForms.NavigatorView;
import cn.villagecounsel.api.team.TeamForms.NewNavigator;
import cn.villagecounsel.api.team.TeamForms.Redemption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "1+N 团队", description = "各村（社区）的法律明白人；用一次性邀请码加入小程序")
class TeamController {

    private final TeamService service;

    TeamController(TeamService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/navigators")
    @Operation(summary = "列出某村的法律明白人", description = "按添加时间排序；手机号已脱敏。")
    Flux<NavigatorView> list(CurrentUser admin,
            @Parameter(description = "村（社区）代码", example = "621025100201", required = true) @RequestParam String village) {
        return service.list(admin, village);
    }

    @PostMapping("/api/v1/admin/navigators")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "添加法律明白人", description = "返回 7 天内有效的一次性邀请码，只显示这一次；本人在小程序中输入后成为该村的法律明白人。")
    Mono<Invited> add(CurrentUser admin, @Validated @RequestBody NewNavigator form) {
        return service.add(admin, form);
    }

    @PutMapping("/api/v1/admin/navigators/{id}")
    @Operation(summary = "修改法律明白人信息")
    Mono<NavigatorView> update(CurrentUser admin, @PathVariable String id, @Validated @RequestBody NavigatorEdit edit) {
        return service.update(admin, id, edit);
    }

    @DeleteMapping("/api/v1/admin/navigators/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "移出 1+N 团队", description = "已加入的人同时失去法律明白人身份（下次刷新登录时生效）。")
    Mono<Void> remove(CurrentUser admin, @PathVariable String id) {
        return service.remove(admin, id);
    }

    @PostMapping("/api/v1/admin/navigators/{id}/invite")
    @Operation(summary = "重新生成邀请码", description = "旧邀请码随即失效；已加入的人不需要邀请码（409 ALREADY_JOINED）。")
    Mono<Invited> reissue(CurrentUser admin, @PathVariable String id) {
        return service.reissue(admin, id);
    }

    @PostMapping("/api/v1/me/navigator-invite")
    @PreAuthorize("hasAnyRole('RESIDENT', 'NAVIGATOR')")
    @Operation(summary = "用邀请码成为本村法律明白人", description = "成功后返回带法律明白人身份的新令牌，请替换旧令牌。")
    Mono<TokenResponse> redeem(CurrentUser resident, @Validated @RequestBody Redemption redemption) {
        return service.redeem(resident, redemption.code());
    }
}
