package cn.villagecounsel.api.notification;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "群机器人（管理）", description = "乡镇法律顾问群、村“1+N”群的企业微信群机器人；每个机器人每分钟最多 20 条，超出的合并为一条汇总")
class RobotController {

    private final RobotRegistry robots;

    RobotController(RobotRegistry robots) {
        this.robots = robots;
    }

    @GetMapping("/api/v1/admin/robots")
    @Operation(summary = "列出辖区内的群机器人")
    Flux<RobotRegistry.View> list(CurrentUser admin,
            @Parameter(description = "区划代码，默认为本人的管辖区划") @RequestParam(required = false) String region) {
        return robots.list(admin, region);
    }

    @PostMapping("/api/v1/admin/robots")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "登记群机器人", description = "webhook 为群机器人的完整 Webhook 地址；保存后只显示密钥末四位。")
    Mono<RobotRegistry.View> create(CurrentUser admin, @RequestBody RobotRegistry.NewRobot form) {
        return robots.create(admin, form);
    }

    @DeleteMapping("/api/v1/admin/robots/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "删除群机器人")
    Mono<Void> delete(CurrentUser admin, @PathVariable String id) {
        return robots.delete(admin, id);
    }
}
