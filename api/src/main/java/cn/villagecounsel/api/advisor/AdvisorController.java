package cn.villagecounsel.api.advisor;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.advisor.AdvisorForms.AdvisorEdit;
import cn.villagecounsel.api.advisor.AdvisorForms.NewAdvisor;
import cn.villagecounsel.api.advisor.AdvisorForms.ProfileEdit;
import cn.villagecounsel.api.advisor.AdvisorViews.AdvisorCreated;
import cn.villagecounsel.api.advisor.AdvisorViews.AdvisorView;
import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "法律顾问", description = "法律顾问资料与登录账号；管理员只能管理本辖区的顾问")
class AdvisorController {

    private final AdvisorService service;

    AdvisorController(AdvisorService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/advisors")
    @Operation(summary = "列出辖区内的法律顾问", description = "按所属区划筛选，q 匹配姓名或执业机构；最多 500 条。")
    Flux<AdvisorView> list(CurrentUser admin,
            @Parameter(description = "区划代码，默认为本人的管辖区划", example = "621025000000")
            @RequestParam(required = false) String region,
            @Parameter(description = "姓名或执业机构中的文字") @RequestParam(required = false) String q) {
        return service.list(admin, region, q);
    }

    @GetMapping("/api/v1/admin/advisors/{id}")
    @Operation(summary = "查看法律顾问")
    Mono<AdvisorView> get(CurrentUser admin, @PathVariable String id) {
        return service.get(admin, id);
    }

    @PostMapping("/api/v1/admin/advisors")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建法律顾问", description = "同时开通角色为法律顾问的登录账号；初始密码只在此次响应中出现。")
    Mono<AdvisorCreated> create(CurrentUser admin, @Validated @RequestBody NewAdvisor form) {
        return service.create(admin, form);
    }

    @PutMapping("/api/v1/admin/advisors/{id}")
    @Operation(summary = "修改法律顾问资料", description = "手机号不填则保持不变。")
    Mono<AdvisorView> update(CurrentUser admin, @PathVariable String id, @Validated @RequestBody AdvisorEdit edit) {
        return service.update(admin, id, edit);
    }

    @PutMapping(path = "/api/v1/admin/advisors/{id}/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传法律顾问照片", description = "JPEG 或 PNG（按文件内容判断），不超过 2 MB。")
    Mono<AdvisorView> photo(CurrentUser admin, @PathVariable String id, @RequestPart("file") FilePart file) {
        return service.replacePhoto(admin, id, file);
    }

    @GetMapping("/api/v1/advisor/profile")
    @Operation(summary = "查看本人的法律顾问资料")
    Mono<AdvisorView> profile(CurrentUser advisor) {
        return service.profile(advisor);
    }

    @PutMapping("/api/v1/advisor/profile")
    @Operation(summary = "修改本人的联系方式和服务范围")
    Mono<AdvisorView> updateProfile(CurrentUser advisor, @Validated @RequestBody ProfileEdit edit) {
        return service.updateProfile(advisor, edit);
    }

    @PutMapping(path = "/api/v1/advisor/profile/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传本人照片", description = "JPEG 或 PNG（按文件内容判断），不超过 2 MB。")
    Mono<AdvisorView> ownPhoto(CurrentUser advisor, @RequestPart("file") FilePart file) {
        return service.replacePhoto(advisor, null, file);
    }

    @GetMapping("/api/v1/advisors/{id}/photo")
    @Operation(summary = "法律顾问照片（公开）")
    Mono<ResponseEntity<Flux<DataBuffer>>> publicPhoto(@PathVariable String id) {
        return service.photo(id).map(content -> content.asResponse("public, max-age=300"));
    }
}
