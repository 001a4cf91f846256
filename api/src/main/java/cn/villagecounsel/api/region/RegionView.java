package cn.villagecounsel.api.region;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.villagecounsel.api.common.RegionLevel;
import io.swagger.v3.oas.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RegionView", description = "行政区划")
public record RegionView(
        @Schema(description = "12 位统计用区划代码", example = "621025000000") String code,
        @Schema(example = "正宁县") String name,
        RegionLevel level,
        @Schema(description = "上级区划代码；顶级为空", example = "621000000000") String parentCode,
        @Schema(description = "是否有下级区划") Boolean hasChildren) {

    static RegionView of(Region region, Boolean hasChildren) {
        return new RegionView(region.code(), region.name(), region.level(), region.parentCode(), hasChildren);
    }
}
