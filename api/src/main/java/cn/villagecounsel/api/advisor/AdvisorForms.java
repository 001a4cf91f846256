package cn.villagecounsel.api.advisor;

import java.time.LocalDate;

import cn.villagecounsel.api.common.Phones;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the advisor and agreement endpoints. */
final class AdvisorForms {

    static final String LICENCE = "^[0-9A-Za-z-]{6,30}$";
    static final String USERNAME = "^[a-z0-9][a-z0-9._-]{2,31}$";
    static final String CODE = "\\d{12}";

    private AdvisorForms() {
    }

    @Schema(name = "NewAdvisor", description = "新建法律顾问（同时开通其登录账号）")
    record NewAdvisor(
            @NotBlank(message = "请填写姓名") @Size(max = 20, message = "姓名不能超过 20 个字") @Schema(example = "李明") String name,
            @NotBlank(message = "请填写执业机构") @Size(max = 60, message = "执业机构不能超过 60 个字")
            @Schema(example = "甘肃正宁律师事务所") String lawFirm,
            @NotBlank(message = "请填写执业证号") @Pattern(regexp = LICENCE, message = "执业证号应为 6 到 30 位字母或数字")
            @Schema(example = "16210201910123456") String licenceNo,
            @NotBlank(message = "请填写手机号") @Pattern(regexp = Phones.MOBILE, message = "手机号应为 11 位数字")
            @Schema(example = "13912345678") String phone,
            @Pattern(regexp = Phones.CONTACT, message = "公开联系电话应为手机号或带区号的固定电话")
            @Schema(example = "0934-1234567") String publicPhone,
            @Size(max = 200, message = "服务范围不能超过 200 个字") @Schema(example = "婚姻家庭、土地承包、劳动争议") String serviceScope,
            @NotBlank(message = "请选择所属区划") @Pattern(regexp = CODE, message = "区划代码应为 12 位数字")
            @Schema(example = "621025000000") String regionCode,
            @NotBlank(message = "请填写登录用户名")
            @Pattern(regexp = USERNAME, message = "用户名为 3 到 32 位小写字母、数字、点、横线或下划线，以字母或数字开头")
            @Schema(example = "advisor-zhao") String username) {
    }

    @Schema(name = "AdvisorEdit", description = "修改法律顾问资料")
    record AdvisorEdit(
            @NotBlank(message = "请填写姓名") @Size(max = 20, message = "姓名不能超过 20 个字") String name,
            @NotBlank(message = "请填写执业机构") @Size(max = 60, message = "执业机构不能超过 60 个字") String lawFirm,
            @NotBlank(message = "请填写执业证号") @Pattern(regexp = LICENCE, message = "执业证号应为 6 到 30 位字母或数字")
            String licenceNo,
            @Pattern(regexp = Phones.MOBILE, message = "手机号应为 11 位数字")
            @Schema(description = "不填则不修改（响应中的手机号已脱敏）", example = "13912345678") String phone,
            @Pattern(regexp = Phones.CONTACT, message = "公开联系电话应为手机号或带区号的固定电话") String publicPhone,
            @Size(max = 200, message = "服务范围不能超过 200 个字") String serviceScope) {
    }

    @Schema(name = "AdvisorProfileEdit", description = "法律顾问修改本人资料")
    record ProfileEdit(
            @Pattern(regexp = Phones.MOBILE, message = "手机号应为 11 位数字")
            @Schema(description = "不填则不修改（响应中的手机号已脱敏）", example = "13912345678") String phone,
            @Pattern(regexp = Phones.CONTACT, message = "公开联系电话应为手机号或带区号的固定电话") String publicPhone,
            @Size(max = 200, message = "服务范围不能超过 200 个字") String serviceScope) {
    }

    @Schema(name = "NewAgreement", description = "新建服务协议")
    record NewAgreement(
            @NotBlank(message = "请选择法律顾问") String advisorId,
            @NotBlank(message = "请选择村（社区）") @Pattern(regexp = CODE, message = "村（社区）代码应为 12 位数字")
            @Schema(example = "621025100201") String villageCode,
            @NotNull(message = "请填写开始日期") @Schema(example = "2026-01-01") LocalDate startDate,
            @NotNull(message = "请填写结束日期") @Schema(example = "2026-12-31") LocalDate endDate) {
    }
}
