package cn.villagecounsel.api.coverage;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CsvDownload;
import cn.villagecounsel.api.common.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "覆盖情况", description = "哪些村（社区）缺法律顾问、未备案、法律明白人不足或本月没有驻点")
class CoverageController {

    private static final List<String> COLUMNS = List.of("乡镇", "村（社区）", "区划代码", "法律顾问", "已备案协议",
            "法律明白人数", "本月驻点次数", "问题");

    private final CoverageService service;

    CoverageController(CoverageService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/coverage")
    @Operation(summary = "覆盖情况", description = "逐村列出问题，并按乡镇和全辖区汇总；本月指北京时间的当月。")
    Mono<CoverageReport> report(CurrentUser admin,
            @Parameter(description = "区划代码，默认为本人的管辖区划", example = "621025000000")
            @RequestParam(required = false) String region) {
        return service.report(admin, region);
    }

    @GetMapping(path = "/api/v1/admin/coverage.csv")
    @Operation(summary = "导出覆盖情况（CSV）", description = "UTF-8（带 BOM，可直接用 Excel 打开），每村一行。")
    @ApiResponse(responseCode = "200", description = "CSV 文件", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    Mono<ResponseEntity<byte[]>> export(CurrentUser admin,
            @Parameter(description = "区划代码，默认为本人的管辖区划", example = "621025000000")
            @RequestParam(required = false) String region) {
        return service.report(admin, region).map(report -> {
            List<List<String>> rows = report.villages().stream()
                    .map(village -> List.of(village.townshipName(), village.name(), village.code(),
                            String.join("、", village.advisors()), village.filedAgreement() ? "是" : "否",
                            Long.toString(village.navigators()), Long.toString(village.sessionsThisMonth()),
                            village.problems().stream().map(CoverageReport.Problem::label)
                                    .collect(Collectors.joining("、"))))
                    .toList();
            return CsvDownload.of("覆盖情况-" + report.regionName() + "-" + report.month() + ".csv", COLUMNS, rows);
        });
    }
}
