package cn.villagecounsel.api.village;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The encrypted data of {@code wx.getGroupEnterInfo}, passed on untouched by the mini-program. */
@Schema(name = "GroupEnterData", description = "wx.getGroupEnterInfo 返回的加密数据")
record GroupEnterData(
        @NotBlank(message = "缺少 encryptedData") @Size(max = 4096, message = "encryptedData 过长") String encryptedData,
        @NotBlank(message = "缺少 iv") @Size(max = 64, message = "iv 过长") String iv) {
}
