package cn.villagecounsel.api.advisor;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the public may know of a village's advisor: the notice board's facts. */
@Schema(name = "AdvisorCard", description = "公示的法律顾问信息")
public record AdvisorCard(
        String id,
        @Schema(example = "李明") String name,
        @Schema(example = "/api/v1/advisors/665f0c0e9b1e8a3d4c2b1a00/photo") String photoUrl,
        @Schema(example = "甘肃正宁律师事务所") String lawFirm,
        @Schema(example = "16210201910123456") String licenceNo,
        @Schema(example = "0934-1234567") String publicPhone,
        @Schema(example = "婚姻家庭、土地承包、劳动争议") String serviceScope,
        LocalDate agreementStart,
        LocalDate agreementEnd) {
}
