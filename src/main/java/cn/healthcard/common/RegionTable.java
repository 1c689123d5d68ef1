package cn.healthcard.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An edition of the GB/T 2260 administrative division table: province, prefecture-level and county-level divisions
 * with their parents.
 *
 * <p>Municipalities (北京, 天津, 上海, 重庆) have no prefecture rows, so the parent their counties name (e.g.
 * {@code 110100}) is not in the table: the province is taken as their parent instead.
 */
public final class RegionTable {

    /**
     * One division.
     *
     * @param parent the code of the division it belongs to as listed in the source, {@code null} for a province
     */
    public record Region(String code, String name, RegionCode.Level level, String parent) {
    }

    private final String version;
    private final List<Region> regions;
    private final Map<String, Region> byCode = new LinkedHashMap<>();

    /**
     * @param version which edition of the table this is, e.g. the name of the file it was loaded from
     * @param regions the divisions in display order
     * @throws IllegalArgumentException if a code occurs twice
     */
    public RegionTable(String version, List<Region> regions) {
        this.version = version;
        this.regions = List.copyOf(regions);
        for (Region region : this.regions) {
            if (byCode.put(region.code(), region) != null) {
                throw new IllegalArgumentException("Duplicate code " + region.code() + " in region table " + version);
            }
        }
    }

    /** The edition of this table. */
    public String version() {
        return version;
    }

    /** All divisions in display order. */
    public List<Region> regions() {
        return regions;
    }

    /** The division with this code, if it exists in this edition. */
    public Optional<Region> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Whether the division exists in this edition. */
    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    /** The name of the division, if it exists in this edition. */
    public Optional<String> name(String code) {
        return find(code).map(Region::name);
    }

    /** The level of the division, if it exists in this edition. */
    public Optional<RegionCode.Level> level(String code) {
        return find(code).map(Region::level);
    }

    /**
     * The code of the division above this one, present in this table: the listed parent, or the province where the
     * listed parent is absent (municipalities). Empty for provinces and for codes not in the table.
     */
    public Optional<String> parent(String code) {
        return find(code)
                .map(Region::parent)
                .map(parent -> byCode.containsKey(parent) ? parent : code.substring(0, 2) + "0000")
                .filter(byCode::containsKey);
    }

    /**
     * The name with the names of the divisions above it, as written on documents: {@code 北京市朝阳区},
     * {@code 广东省广州市天河区}. The code itself when it is not in this edition.
     */
    public String fullName(String code) {
        if (find(code).isEmpty()) {
            return code;
        }
        StringBuilder name = new StringBuilder();
        for (String c = code; c != null; c = parent(c).orElse(null)) {
            name.insert(0, find(c).map(Region::name).orElse(""));
        }
        return name.toString();
    }
}
