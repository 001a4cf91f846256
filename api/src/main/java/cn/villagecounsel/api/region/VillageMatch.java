package cn.villagecounsel.api.region;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "VillageMatch", description = "按名称找到的村（社区），附所属乡镇和县以区分同名村")
public record VillageMatch(
        @Schema(example = "621025100201") String code,
        @Schema(example = "柳林村") String name,
        @Schema(example = "山河镇") String township,
        @Schema(example = "正宁县") String county) {
}
