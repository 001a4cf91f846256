package cn.villagecounsel.api.duty;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where a duty takes place. */
@Schema(description = "值班类型：ON_SITE 驻村（在村里），DESK 坐班（在司法所或公共法律服务站）")
public enum DutyKind {
    ON_SITE, DESK
}
