package cn.villagecounsel.api.duty;

import io.swagger.v3.oas.annotations.media.Schema;

/** How a duty rule repeats. */
@Schema(description = "重复方式：WEEKLY 每周，MONTHLY 每月第几个星期几，ONCE 仅一次")
public enum Frequency {
    WEEKLY, MONTHLY, ONCE
}
