package cn.healthcard.keys;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the three-level key hierarchy (KEY-01, docs/decisions/014-key-hierarchy.md): which label a key has,
 * which key is its parent, and the diversification data {@code f} it is derived with by
 * {@code child = SM4-ECB(parent, f || ~f)}:
 *
 * <pre>
 *   f = the significant digits of the region code (province 2, city 4), right-padded with F nibbles to 12,
 *       followed by the child's version as 4 decimal digits — 16 nibbles, 8 bytes
 *   hc.app-data-read.110000 v1 ← hc.app-data-read.root:  f = 11FFFFFFFFFF0001
 *   hc.app-data-read.110100 v1 ← hc.app-data-read.110000: f = 1101FFFFFFFF0001
 * </pre>
 */
public final class KeyHierarchy {

    /** Every key of the hierarchy has a label starting with this. */
    public static final String PREFIX = "hc.";

    private static final Pattern LABEL = Pattern.compile("hc\\.([a-z-]+)\\.(root|\\d{6})");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private KeyHierarchy() {
    }

    /** Where a key sits in the hierarchy. */
    public record Position(KeyPurpose purpose, KeyLevel level, RegionCode region) {

        /** {@code hc.<purpose>.root} for level 1, {@code hc.<purpose>.<region code>} below. */
        public String label() {
            return PREFIX + purpose.labelPart() + "." + (level == KeyLevel.NATIONAL ? "root" : region.value());
        }

        /** The position of the parent key; empty for the national root. */
        public Optional<Position> parent() {
            return switch (level) {
                case NATIONAL -> Optional.empty();
                case PROVINCIAL -> Optional.of(new Position(purpose, KeyLevel.NATIONAL, RegionCode.NATIONAL));
                case CITY -> Optional.of(new Position(purpose, KeyLevel.PROVINCIAL,
                        RegionCode.of(region.value().substring(0, 2) + "0000")));
            };
        }
    }

    /**
     * The position of a key of {@code level} for {@code region}, checked: level 1 is the whole country
     * ({@code 000000}, also when no region is given); level 2 a province and level 3 a prefecture-level city
     * ({@code XXXX00}) of a province in the GB/T 2260 table.
     *
     * @throws DomainValidationException on field {@code regionCode} otherwise
     */
    public static Position position(KeyPurpose purpose, KeyLevel level, String regionCode) {
        if (level == KeyLevel.NATIONAL) {
            if (regionCode != null && !regionCode.isBlank() && !RegionCode.NATIONAL.value().equals(regionCode.strip())) {
                throw new DomainValidationException("regionCode", "一级根密钥属于全国（000000），不填写或填写000000");
            }
            return new Position(purpose, level, RegionCode.NATIONAL);
        }
        if (regionCode == null || regionCode.isBlank()) {
            throw new DomainValidationException("regionCode", level == KeyLevel.PROVINCIAL
                    ? "二级密钥请填写省级「行政区划代码」（如110000）" : "三级密钥请填写市级「行政区划代码」（如110100）");
        }
        RegionCode region = RegionCode.of(regionCode);
        if (region.level() != level.regionLevel()) {
            throw new DomainValidationException("regionCode", level == KeyLevel.PROVINCIAL
                    ? "二级密钥的「行政区划代码」应为省级代码（前两位加0000，如110000）"
                    : "三级密钥的「行政区划代码」应为地市级代码（前四位加00，如110100）");
        }
        String province = region.value().substring(0, 2) + "0000";
        if (!regions().contains(province)) {
            throw new DomainValidationException("regionCode", "「行政区划代码」" + region.value() + " 不属于 GB/T 2260 中的省级行政区");
        }
        String prefix = region.scopePrefix();
        if (level == KeyLevel.CITY && regions().regions().stream().noneMatch(r -> r.code().startsWith(prefix))) {
            throw new DomainValidationException("regionCode", "「行政区划代码」" + region.value() + " 不是 GB/T 2260 中的地市级行政区");
        }
        return new Position(purpose, level, region);
    }

    /**
     * The label of the key of {@code purpose} that the e-cards of {@code regionCode} use (decision 017): always the
     * level-2 key of the region's province ({@code hc.<purpose>.<XX0000>}), also where a city has a level-3 key — 003
     * §5.3 has the e-card reuse the provinces' card application keys, and an e-card ID must not change with the city
     * a resident registers in. City keys are the roots of physical card keys only.
     *
     * @throws IllegalArgumentException if {@code regionCode} is not six digits below the national level
     */
    public static String eCardKeyLabel(KeyPurpose purpose, String regionCode) {
        if (regionCode == null || !regionCode.matches("\\d{6}") || regionCode.startsWith("00")) {
            throw new IllegalArgumentException("An e-card's region is a six-digit GB/T 2260 code below the national "
                    + "level, not " + regionCode);
        }
        return new Position(purpose, KeyLevel.PROVINCIAL, RegionCode.of(regionCode.substring(0, 2) + "0000")).label();
    }

    /** The position a label of the hierarchy names; empty for other labels (device keys, e-card keys, KEKs). */
    public static Optional<Position> parse(String label) {
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<KeyPurpose> purpose = KeyPurpose.ofLabelPart(m.group(1));
        if (purpose.isEmpty()) {
            return Optional.empty();
        }
        if ("root".equals(m.group(2))) {
            return Optional.of(new Position(purpose.get(), KeyLevel.NATIONAL, RegionCode.NATIONAL));
        }
        RegionCode region = RegionCode.of(m.group(2));
        return switch (region.level()) {
            case PROVINCE -> Optional.of(new Position(purpose.get(), KeyLevel.PROVINCIAL, region));
            case CITY -> Optional.of(new Position(purpose.get(), KeyLevel.CITY, region));
            default -> Optional.empty();
        };
    }

    /**
     * The diversification data {@code f} of version {@code version} of the key of {@code region}: the region's
     * significant digits (2 for a province, 4 for a city), F nibbles up to 12, then the version as 4 decimal digits.
     *
     * @throws IllegalArgumentException for the national region (the root is generated, not derived) or a version
     *                                  outside 1 … 9999
     */
    public static byte[] diversification(RegionCode region, int version) {
        if (region.level() != RegionCode.Level.PROVINCE && region.level() != RegionCode.Level.CITY) {
            throw new IllegalArgumentException("Only provincial and city keys are derived, not keys of " + region);
        }
        if (version < 1 || version > 9999) {
            throw new IllegalArgumentException("A derived key's version is 1 to 9999, not " + version);
        }
        String digits = region.scopePrefix();
        return HEX.parseHex(digits + "F".repeat(12 - digits.length()) + "%04d".formatted(version));
    }

    /** {@link #diversification} as 16 upper-case hex digits. */
    public static String diversificationHex(RegionCode region, int version) {
        return HEX.formatHex(diversification(region, version));
    }

    /** The region's name as written on documents (北京市, 浙江省杭州市, 北京市市辖区). */
    public static String regionName(RegionCode region) {
        if (region.level() == RegionCode.Level.NATIONAL) {
            return "全国";
        }
        RegionTable table = regions();
        if (table.contains(region.value())) {
            return table.fullName(region.value());
        }
        // a municipality's districts (110100 市辖区) are not in the table's later editions
        return table.fullName(region.value().substring(0, 2) + "0000") + (region.value().endsWith("0100") ? "市辖区" : "");
    }

    private static RegionTable regions() {
        return CodeTables.regions();
    }
}
