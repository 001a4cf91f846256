package cn.villagecounsel.api.homevisit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the home-visit endpoints. */
final class HomeVisitViews {

    private HomeVisitViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HomeVisit", description = "上门服务申请；联系电话已脱敏（服务该村的法律顾问和辖区管理员查看单个申请时除外）")
    record HomeVisitView(
            @Schema(example = "6660a1b2c3d4e5f601234567") String id,
            @Schema(example = "621025100201") String villageCode,
            @Schema(example = "柳林村") String villageName,
            @Schema(example = "柳林村三组 12 号") String address,
            @Schema(example = "老人行动不便，想咨询子女赡养费的问题。") String reason,
            Eligibility eligibility,
            @Schema(example = "高龄老人") String eligibilityLabel,
            @Schema(example = "张桂英") String contactName,
            @Schema(example = "139****5678") String contactPhone,
            @Schema(example = "工作日上午") String preferredTimes,
            @Schema(description = "法律明白人代邻居申请") boolean forNeighbour,
            ConsentView consent,
            HomeVisitStatus status,
            @Schema(example = "已安排") String statusLabel,
            @Schema(description = "上门的法律顾问") String advisorId,
            @Schema(example = "李文博") String advisorName,
            Instant startAt,
            Instant endAt,
            @Schema(example = "请提前准备好相关材料") String scheduleNote,
            @Schema(description = "第几次安排（重新安排时加一）", example = "1") int scheduleVersion,
            String declineReason,
            String cancelReason,
            String completionNote,
            Instant createdAt,
            Instant updatedAt,
            List<StepView> history) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HomeVisitConsentView", description = "邻居同意代为申请的方式")
    record ConsentView(ConsentMethod method, @Schema(example = "口头同意") String methodLabel, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HomeVisitStep", description = "处理记录")
    record StepView(HomeVisitStatus status, @Schema(example = "已安排") String statusLabel,
            @Schema(description = "操作人的用户编号") String by, Instant at, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HomeVisitPage", description = "一页上门服务申请；nextCursor 为空表示没有更多")
    record HomeVisitPage(List<HomeVisitView> items, @Schema(example = "1:6660a1b2c3d4e5f601234567") String nextCursor) {
    }
}
