package cn.villagecounsel.api.region;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.RegionLevel;

/** One administrative division, keyed by its 12-digit statistical code, with its name's pinyin initials. */
@Document("regions")
public record Region(
        @Id String code,
        String name,
        RegionLevel level,
        @Indexed String parentCode,
        String initials) {

    public static Region of(String code, String name, RegionLevel level, String parentCode) {
        return new Region(code, name, level, parentCode, Initials.of(name));
    }

    /** This region with its initials filled in (records read from JSON or stored before initials existed). */
    public Region withInitials() {
        return of(code, name, level, parentCode);
    }
}
