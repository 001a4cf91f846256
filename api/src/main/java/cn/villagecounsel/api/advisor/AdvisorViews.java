package cn.villagecounsel.api.advisor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.villagecounsel.api.region.RegionView;
import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the advisor and agreement endpoints. */
final class AdvisorViews {

    private AdvisorViews() {
    }

    @Schema(name = "Advisor", description = "法律顾问（手机号已脱敏）")
    record AdvisorView(
            String id,
            @Schema(example = "李明") String name,
            @Schema(example = "甘肃正宁律师事务所") String lawFirm,
            @Schema(example = "16210201910123456") String licenceNo,
            @Schema(description = "本人手机号，已脱敏", example = "139****5678") String phone,
            @Schema(description = "公示的联系电话", example = "0934-1234567") String publicPhone,
            String serviceScope,
            @Schema(example = "621025000000") String regionCode,
            @Schema(example = "advisor-li") String username,
            String photoUrl,
            @Schema(description = "当前服务（已备案且在有效期内）的村（社区）") List<RegionView> villages) {
    }

    @Schema(name = "AdvisorCreated", description = "新建的法律顾问及其初始密码（只显示这一次）")
    record AdvisorCreated(AdvisorView advisor, @Schema(example = "K7PQ2M-x9hd4a") String initialPassword) {
    }

    @Schema(name = "Agreement", description = "服务协议")
    record AgreementView(
            String id,
            String advisorId,
            @Schema(example = "李明") String advisorName,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "柳林村") String villageName,
            LocalDate startDate,
            LocalDate endDate,
            @Schema(description = "是否已报县司法局备案") boolean filed,
            Instant filedAt,
            boolean hasFile,
            String fileName,
            Instant terminatedAt,
            @Schema(description = "今天是否生效（已备案、在有效期内、未终止）") boolean active) {
    }
}
