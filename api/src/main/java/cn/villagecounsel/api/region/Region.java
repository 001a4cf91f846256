package cn.villagecounsel.api.region;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.RegionLevel;

/** One administrative division, keyed by its 12-digit statistical code. */
@Document("regions")
public record Region(
        @Id String code,
        String name,
        RegionLevel level,
        @Indexed String parentCode) {
}
