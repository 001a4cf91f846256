package cn.villagecounsel.api.advisor;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
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

import cn.villagecounsel.api.advisor.AdvisorForms.NewAgreement;
import cn.villagecounsel.api.advisor.AdvisorViews.AgreementView;
import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "服务协议", description = "法律顾问与村（社区）的服务协议；只有已备案、在有效期内的协议才让顾问成为该村的法律顾问")
class AgreementController {

    private final AgreementService service;

    AgreementController(AgreementService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/agreements")
    @Operation(summary = "列出辖区内的服务协议", description = "按村（社区）代码排序，同一村最新的在前；最多 2000 条。")
    Flux<AgreementView> list(CurrentUser admin,
            @Parameter(description = "区划代码，默认为本人的管辖区划", example = "621025000000")
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String advisorId,
            @Parameter(description = "只看这个村（社区）", example = "621025100201")
            @RequestParam(required = false) String village) {
        return service.list(admin, region, advisorId, village);
    }

    @PostMapping("/api/v1/admin/agreements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建服务协议", description = "同一顾问与同一村的协议期限不能重叠（409 AGREEMENT_OVERLAP）；新协议未备案。")
    Mono<AgreementView> create(CurrentUser admin, @Validated @RequestBody NewAgreement form) {
        return service.create(admin, form);
    }

    @PutMapping(path = "/api/v1/admin/agreements/{id}/file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传协议文件", description = "PDF、JPEG 或 PNG（按文件内容判断），不超过 10 MB；替换原文件。")
    Mono<AgreementView> attach(CurrentUser admin, @PathVariable String id, @RequestPart("file") FilePart file) {
        return service.attachFile(admin, id, file);
    }

    @GetMapping("/api/v1/admin/agreements/{id}/file")
    @Operation(summary = "下载协议文件")
    Mono<ResponseEntity<Flux<DataBuffer>>> file(CurrentUser admin, @PathVariable String id) {
        return service.file(admin, id).map(content -> content.asResponse("no-store"));
    }

    @PostMapping("/api/v1/admin/agreements/{id}/filing")
    @Operation(summary = "登记已报县司法局备案", description = "重复登记不改变首次备案时间。")
    Mono<AgreementView> markFiled(CurrentUser admin, @PathVariable String id) {
        return service.markFiled(admin, id);
    }

    @PostMapping("/api/v1/admin/agreements/{id}/termination")
    @Operation(summary = "终止服务协议", description = "终止后该顾问不再是该村的法律顾问；重复终止不改变终止时间。")
    Mono<AgreementView> terminate(CurrentUser admin, @PathVariable String id) {
        return service.terminate(admin, id);
    }
}
