package cn.villagecounsel.api.village;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "村微信群", description = "村微信群二维码，以及把微信群关联到村（社区），让从群里打开分享卡片的村民直接进入本村")
class VillageGroupController {

    private final VillageGroups groups;

    VillageGroupController(VillageGroups groups) {
        this.groups = groups;
    }

    @PutMapping(path = "/api/v1/villages/{code}/group-qr", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('ADVISOR', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "上传村微信群二维码", description = "本村法律顾问或辖区管理员；JPEG 或 PNG（按文件内容判断），不超过 2 MB。")
    Mono<Void> replaceQr(CurrentUser user, @PathVariable String code, @RequestPart("file") FilePart file) {
        return groups.replaceQr(user, code, file);
    }

    @GetMapping("/api/v1/villages/{code}/group-qr")
    @Operation(summary = "村微信群二维码（公开）")
    Mono<ResponseEntity<Flux<DataBuffer>>> qr(@PathVariable String code) {
        return groups.qr(code).map(content -> content.asResponse("public, max-age=300"));
    }

    @PostMapping("/api/v1/villages/{code}/wechat-groups")
    @PreAuthorize("hasAnyRole('ADVISOR', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "把当前微信群关联到本村",
            description = "在村微信群中打开分享卡片后调用（需先 POST /api/v1/me/wechat 建立微信会话）；一个群只属于一个村，重新关联即移到本村。留有审计记录。")
    Mono<Void> bind(CurrentUser user, @PathVariable String code, @Validated @RequestBody GroupEnterData data) {
        return groups.bind(user, code, data.encryptedData(), data.iv());
    }

    @DeleteMapping("/api/v1/villages/{code}/wechat-groups")
    @PreAuthorize("hasAnyRole('ADVISOR', 'ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "取消本村关联的全部微信群")
    Mono<Void> unbind(CurrentUser user, @PathVariable String code) {
        return groups.unbindAll(user, code);
    }

    @PostMapping("/api/v1/me/group-context")
    @PreAuthorize("hasAnyRole('RESIDENT', 'NAVIGATOR')")
    @Operation(summary = "从村微信群进入：按群确定我的村",
            description = "村民从群里的分享卡片打开小程序时调用；群已关联村时把该村设为我的村，否则 404 GROUP_NOT_BOUND。")
    Mono<VillageBoard.Place> arrive(CurrentUser resident, @Validated @RequestBody GroupEnterData data) {
        return groups.arriveFromGroup(resident, data.encryptedData(), data.iv());
    }
}
