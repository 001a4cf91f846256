package cn.villagecounsel.api.village;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "开放接口：名录", description = "供 12348 等平台读取本辖区村（社区）法律顾问名录与驻点时间（client_credentials，scope directory.read）")
@SecurityRequirement(name = "partner-client-credentials", scopes = CurrentUser.DIRECTORY_READ)
class PartnerController {

    static final int MAX_PAGE = 50;

    private final VillageBoardService boards;
    private final RegionDirectory regions;

    PartnerController(VillageBoardService boards, RegionDirectory regions) {
        this.boards = boards;
        this.regions = regions;
    }

    @GetMapping("/open/v1/villages/{code}")
    @Operation(summary = "一个村（社区）的法律顾问与驻点时间")
    Mono<PartnerDirectory.Entry> village(CurrentUser partner, @PathVariable String code) {
        return inScope(partner, code).then(boards.board(code)).map(PartnerDirectory.Entry::of);
    }

    @GetMapping("/open/v1/villages")
    @Operation(summary = "区划内全部村（社区）的名录", description = "按区划代码排序，用 nextCursor 翻页；每页最多 50 条。")
    Mono<PartnerDirectory.Page> villages(CurrentUser partner,
            @Parameter(description = "区划代码（县、乡镇等）", example = "621025000000", required = true)
            @RequestParam String region,
            @Parameter(description = "上一页返回的 nextCursor") @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 50", example = "20") @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 50 之间。"));
        }
        if (cursor != null && !RegionCodes.isValid(cursor)) {
            return Mono.error(ApiProblem.invalid("cursor", "翻页游标无效。"));
        }
        return inScope(partner, region)
                .thenMany(regions.villagesIn(region, cursor, limit + 1))
                .map(RegionView::code)
                .collectList()
                .flatMap(codes -> Flux.fromIterable(codes.subList(0, Math.min(limit, codes.size())))
                        .flatMapSequential(boards::board, 8)
                        .map(PartnerDirectory.Entry::of)
                        .collectList()
                        .map(items -> new PartnerDirectory.Page(items,
                                codes.size() > limit ? codes.get(limit - 1) : null)));
    }

    private static Mono<Void> inScope(CurrentUser partner, String code) {
        if (!RegionCodes.isValid(code)) {
            return Mono.error(ApiProblem.invalid("region", "区划代码应为 12 位数字。"));
        }
        return partner.mayActIn(code) ? Mono.empty()
                : Mono.error(ApiProblem.forbidden("该区划不在贵平台的授权范围内。"));
    }
}
