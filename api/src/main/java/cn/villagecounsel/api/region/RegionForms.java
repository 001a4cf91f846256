package cn.villagecounsel.api.region;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the region administration endpoints. */
final class RegionForms {

    static final int MAX_NAME = 40;

    private RegionForms() {
    }

    @Schema(name = "NewRegion", description = "新建区划；上级由代码推出，必须已存在")
    record NewRegion(
            @NotBlank(message = "请填写区划代码") @Pattern(regexp = "\\d{12}", message = "区划代码应为 12 位数字")
            @Schema(example = "621025100299") String code,
            @NotBlank(message = "请填写名称") @Size(max = MAX_NAME, message = "名称不能超过 40 个字") @Schema(example = "新庄村") String name) {
    }

    @Schema(name = "RegionRename", description = "修改区划名称")
    record Rename(@NotBlank(message = "请填写名称") @Size(max = MAX_NAME, message = "名称不能超过 40 个字") String name) {
    }

    @Schema(name = "RegionImportResult", description = "导入结果")
    record ImportResult(@Schema(description = "新建条数") int created, @Schema(description = "改名条数") int renamed,
            @Schema(description = "未变条数") int unchanged) {
    }
}
