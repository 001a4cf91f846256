package cn.villagecounsel.api.booking;

import cn.villagecounsel.api.booking.Booking.ConsentMethod;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.duty.DutyMode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the booking endpoints. */
final class BookingForms {

    private BookingForms() {
    }

    @Schema(name = "BookingForm", description = "预约一次咨询（也用于加入候补）")
    record BookingForm(
            @NotBlank(message = "请选择预约时段") @Size(max = 100, message = "预约时段编号无效")
            @Schema(example = "6660a1b2c3d4e5f601234567-20261208@0900") String slotId,
            @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字")
            @Schema(description = "从哪个村（社区）的页面预约；坐班时段必填，驻村时段可不填", example = "621025100201")
            String villageCode,
            @NotNull(message = "请选择咨询事项") LegalTopic topic,
            @NotBlank(message = "请简要说明想咨询的问题") @Size(max = 200, message = "问题说明不能超过 200 个字")
            @Schema(example = "承包地被邻居占用，想咨询怎么处理") String description,
            @NotNull(message = "请选择咨询方式") @Schema(example = "IN_PERSON") DutyMode mode,
            @Size(max = 20, message = "联系人姓名不能超过 20 个字") @Schema(example = "张秀兰") String contactName,
            @Pattern(regexp = Phones.CONTACT, message = "请填写正确的手机号或固定电话")
            @Schema(description = "电话咨询时必填", example = "13912345678") String contactPhone,
            @Valid @Schema(description = "法律明白人为邻居代约时填写") NeighbourForm forNeighbour) {
    }

    @Schema(name = "BookingNeighbour", description = "代约的邻居及其同意")
    record NeighbourForm(
            @NotBlank(message = "请填写邻居姓名") @Size(max = 20, message = "姓名不能超过 20 个字")
            @Schema(example = "王桂英") String name,
            @NotBlank(message = "请填写邻居的联系电话") @Pattern(regexp = Phones.CONTACT, message = "请填写正确的手机号或固定电话")
            @Schema(example = "13987654321") String phone,
            @NotNull(message = "请记录邻居的同意") @Valid ConsentForm consent) {
    }

    @Schema(name = "BookingConsent", description = "邻居同意代约的方式：VERBAL 口头，WRITTEN 书面，THUMBPRINT 按手印")
    record ConsentForm(
            @NotNull(message = "请选择同意方式") ConsentMethod method,
            @Size(max = 100, message = "说明不能超过 100 个字") @Schema(example = "本人当面口头同意，其子在场") String note) {
    }

    @Schema(name = "BookingReschedule", description = "改约到另一个时段")
    record RescheduleForm(
            @NotBlank(message = "请选择新的预约时段") @Size(max = 100, message = "预约时段编号无效") String slotId,
            @Pattern(regexp = "\\d{12}", message = "村（社区）代码应为 12 位数字") String villageCode,
            @Size(max = 200, message = "原因不能超过 200 个字") String reason) {
    }

    @Schema(name = "BookingCancellation", description = "取消预约；工作人员取消时必须填写原因（会告知群众）")
    record CancelForm(@Size(max = 200, message = "原因不能超过 200 个字") @Schema(example = "临时有事") String reason) {
    }

    @Schema(name = "BookingAttendance", description = "到场情况：ATTENDED 已到场，NO_SHOW 未到场")
    record AttendanceForm(@NotNull(message = "请选择到场情况") Outcome outcome) {

        enum Outcome {
            ATTENDED, NO_SHOW
        }
    }

    @Schema(name = "BookingNote", description = "顾问备注（群众看不到）")
    record NoteForm(@Size(max = 500, message = "备注不能超过 500 个字") String note) {
    }

    @Schema(name = "BookingLink", description = "邻居凭代约人分享的编码查看这次预约")
    record LinkForm(@NotBlank(message = "请填写预约编码") @Size(max = 20, message = "预约编码无效") String code) {
    }
}
