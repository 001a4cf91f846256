package cn.villagecounsel.api.duty;

import io.swagger.v3.oas.annotations.media.Schema;

/** How residents reach the advisor during a session. */
@Schema(description = "服务方式：IN_PERSON 当面，PHONE 电话，VIDEO 视频")
public enum DutyMode {
    IN_PERSON, PHONE, VIDEO
}
