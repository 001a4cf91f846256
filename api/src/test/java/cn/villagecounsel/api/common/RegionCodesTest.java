package cn.villagecounsel.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegionCodesTest {

    @Test
    void levelsFollowTheStatisticalCodeLayout() {
        assertThat(RegionCodes.levelOf("620000000000")).isEqualTo(RegionLevel.PROVINCE);
        assertThat(RegionCodes.levelOf("621000000000")).isEqualTo(RegionLevel.CITY);
        assertThat(RegionCodes.levelOf("621025000000")).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionCodes.levelOf("621025100000")).isEqualTo(RegionLevel.TOWNSHIP);
        assertThat(RegionCodes.levelOf("621025100201")).isEqualTo(RegionLevel.VILLAGE);
    }

    @Test
    void aRegionCoversWhatLiesInsideItAndNothingElse() {
        assertThat(RegionCodes.covers("621025000000", "621025100201")).isTrue();
        assertThat(RegionCodes.covers("621025100000", "621025100201")).isTrue();
        assertThat(RegionCodes.covers("621025100000", "621025101201")).isFalse();
        assertThat(RegionCodes.covers("621025100201", "621025100201")).isTrue();
        assertThat(RegionCodes.covers("621025100201", "621025100202")).isFalse();
        assertThat(RegionCodes.covers("621025000000", "621026000000")).isFalse();
        assertThat(RegionCodes.covers("62102", "621025100201")).isFalse();
        assertThat(RegionCodes.anyCovers(List.of("621025101000", "621025100000"), "621025100203")).isTrue();
    }
}
