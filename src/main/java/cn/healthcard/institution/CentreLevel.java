package cn.healthcard.institution;

import cn.healthcard.common.RegionCode;

import java.util.Optional;

/** The level of a registration centre, read from its region code: 000000, XX0000, XXXX00 (ORG-01). */
public enum CentreLevel {
    NATIONAL("国家级", "National"),
    PROVINCIAL("省级", "Provincial"),
    CITY("地市级", "City");

    private final String nameZh;
    private final String nameEn;

    CentreLevel(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The level a centre in this region has; empty for a county, where no registration centre can be. */
    public static Optional<CentreLevel> of(RegionCode region) {
        return switch (region.level()) {
            case NATIONAL -> Optional.of(NATIONAL);
            case PROVINCE -> Optional.of(PROVINCIAL);
            case CITY -> Optional.of(CITY);
            case COUNTY -> Optional.empty();
        };
    }
}
