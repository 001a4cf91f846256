package cn.villagecounsel.api.region;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "行政区划", description = "省、市、县、乡镇、村（社区）五级区划")
class RegionController {

    private final RegionDirectory directory;

    RegionController(RegionDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    @Operation(summary = "列出下级区划", description = "不带 parent 时返回顶级区划；按区划代码排序。")
    Flux<RegionView> children(
            @Parameter(description = "上级区划的 12 位代码", example = "621025000000")
            @RequestParam(required = false) String parent) {
        return directory.children(parent);
    }
}
