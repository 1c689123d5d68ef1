package cn.healthcard.keys;

import cn.healthcard.common.RegionCode;

/**
 * The three levels of the national key hierarchy (KEY-01, 002 §15): the national level-1 root key, the provincial
 * level-2 root keys derived from it, and the level-3 root keys of the cities derived from those (the roots of card
 * keys).
 */
public enum KeyLevel {
    NATIONAL(1, RegionCode.Level.NATIONAL, "一级（全国根密钥）", "Level 1 (national root)"),
    PROVINCIAL(2, RegionCode.Level.PROVINCE, "二级（省级根密钥）", "Level 2 (provincial root)"),
    CITY(3, RegionCode.Level.CITY, "三级（市级根密钥）", "Level 3 (city root)");

    private final int number;
    private final RegionCode.Level regionLevel;
    private final String nameZh;
    private final String nameEn;

    KeyLevel(int number, RegionCode.Level regionLevel, String nameZh, String nameEn) {
        this.number = number;
        this.regionLevel = regionLevel;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    /** 1, 2 or 3. */
    public int number() {
        return number;
    }

    /** The level of the region a key of this level belongs to. */
    public RegionCode.Level regionLevel() {
        return regionLevel;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The level numbered 1, 2 or 3. */
    public static KeyLevel of(int number) {
        for (KeyLevel level : values()) {
            if (level.number == number) {
                return level;
            }
        }
        throw new IllegalArgumentException("A key level is 1, 2 or 3, not " + number);
    }
}
