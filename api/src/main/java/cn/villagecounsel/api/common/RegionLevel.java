package cn.villagecounsel.api.common;

/** Levels of the administrative division tree. */
public enum RegionLevel {
    PROVINCE(2), CITY(4), COUNTY(6), TOWNSHIP(9), VILLAGE(12);

    private final int significantDigits;

    RegionLevel(int significantDigits) {
        this.significantDigits = significantDigits;
    }

    public int significantDigits() {
        return significantDigits;
    }
}
