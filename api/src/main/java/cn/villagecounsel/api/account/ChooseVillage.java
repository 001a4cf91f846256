package cn.villagecounsel.api.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@Schema(name = "ChooseVillage", description = "选择我所在的村（社区）")
record ChooseVillage(
        @NotBlank(message = "请选择村（社区）") @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字")
        @Schema(example = "621025100201") String villageCode) {
}
