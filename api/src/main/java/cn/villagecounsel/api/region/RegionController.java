package cn.villagecounsel.api.region;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

@RestController
@Tag(name = "行政区划", description = "省、市、县、乡镇、村（社区）五级区划与村名查找")
class RegionController {

    private final RegionDirectory directory;

    RegionController(RegionDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/v1/regions")
    @Operation(summary = "列出下级区划", description = "不带 parent 时返回顶级区划；按区划代码排序。")
    Flux<RegionView> children(
            @Parameter(description = "上级区划的 12 位代码", example = "621025000000")
            @RequestParam(required = false) String parent) {
        return directory.children(parent);
    }

    @GetMapping("/api/v1/villages")
    @Operation(summary = "按名称或拼音首字母查找村（社区）",
            description = "名称中包含所给文字即匹配；只输入字母时按拼音首字母匹配（如 llc 找到柳林村）。最多返回 20 个，按区划代码排序。")
    Flux<VillageMatch> searchVillages(
            @Parameter(description = "村（社区）名称中的文字或拼音首字母，1 到 20 个字", example = "柳林", required = true)
            @RequestParam(defaultValue = "") String q) {
        return directory.searchVillages(q);
    }
}
