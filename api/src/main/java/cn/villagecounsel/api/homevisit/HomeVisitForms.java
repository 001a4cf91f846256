package cn.villagecounsel.api.homevisit;

import java.time.Instant;

import cn.villagecounsel.api.common.Phones;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the home-visit endpoints. */
final class HomeVisitForms {

    private HomeVisitForms() {
    }

    @Schema(name = "NewHomeVisit", description = "上门服务申请")
    record NewHomeVisit(
            @NotBlank(message = "请选择村（社区）") @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字")
            @Schema(example = "621025100201") String villageCode,
            @NotBlank(message = "请填写上门地址") @Size(max = 100, message = "上门地址不能超过 100 个字")
            @Schema(example = "柳林村三组 12 号") String address,
            @NotBlank(message = "请简要说明需要咨询的事情") @Size(max = 500, message = "申请事由不能超过 500 个字")
            @Schema(example = "老人行动不便，想咨询子女赡养费的问题。") String reason,
            @NotNull(message = "请选择申请上门服务的原因") @Schema(example = "ELDERLY") Eligibility eligibility,
            @NotBlank(message = "请填写联系人") @Size(max = 20, message = "联系人姓名不能超过 20 个字")
            @Schema(example = "张桂英") String contactName,
            @NotBlank(message = "请填写联系电话")
            @Pattern(regexp = Phones.CONTACT, message = "联系电话应为 11 位手机号或带区号的固定电话")
            @Schema(example = "13912345678") String contactPhone,
            @Size(max = 100, message = "方便的时间不能超过 100 个字") @Schema(example = "工作日上午") String preferredTimes,
            @Schema(description = "法律明白人代邻居申请；为 true 时须填写 consent") Boolean forNeighbour,
            @Valid @Schema(description = "邻居同意代为申请的方式，仅代邻居申请时填写") ConsentForm consent) {

        boolean neighbour() {
            return Boolean.TRUE.equals(forNeighbour);
        }
    }

    @Schema(name = "HomeVisitConsent", description = "邻居同意代为申请")
    record ConsentForm(
            @NotNull(message = "请选择邻居同意的方式") @Schema(example = "VERBAL") ConsentMethod method,
            @Size(max = 100, message = "说明不能超过 100 个字") @Schema(example = "当面征得本人同意，其女儿在场") String note) {
    }

    @Schema(name = "HomeVisitSchedule", description = "安排上门时间（重新安排时同样提交）")
    record ScheduleForm(
            @NotNull(message = "请填写开始时间") @Schema(example = "2026-12-08T01:00:00Z") Instant startAt,
            @NotNull(message = "请填写结束时间") @Schema(example = "2026-12-08T03:00:00Z") Instant endAt,
            @Schema(description = "上门的法律顾问编号；顾问本人安排时可不填（默认为本人），管理员必填",
                    example = "665f0c0e9b1e8a3d4c2b1a00") String advisorId,
            @Size(max = 200, message = "说明不能超过 200 个字") @Schema(example = "请提前准备好相关材料") String note) {
    }

    @Schema(name = "HomeVisitDecline", description = "不能上门的原因（申请人会收到）")
    record DeclineForm(
            @NotBlank(message = "请填写原因") @Size(max = 200, message = "原因不能超过 200 个字")
            @Schema(example = "该事项可电话解答，顾问已与您电话联系。") String reason) {
    }

    @Schema(name = "HomeVisitCompletion", description = "上门服务完成情况")
    record CompleteForm(
            @Size(max = 200, message = "说明不能超过 200 个字") @Schema(example = "已当面解答赡养问题，建议先行调解。") String note) {
    }

    @Schema(name = "HomeVisitCancel", description = "撤销申请")
    record CancelForm(
            @Size(max = 200, message = "原因不能超过 200 个字") @Schema(example = "家人已陪同去司法所咨询") String reason) {
    }
}
