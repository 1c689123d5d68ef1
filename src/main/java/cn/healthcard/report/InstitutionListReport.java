package cn.healthcard.report;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The printed result of an institution query (机构查询结果, ORG-03), A4 landscape, the column headings on every page.
 * At most {@value #MAX_ROWS} rows are printed (Flying Saucer lays out a long table slowly, decision 021); the summary
 * then says how many matched and points to the Excel and CSV exports, which hold them all.
 *
 * @param filters   the query as the user set it, in words, e.g. {@code 地区：北京市朝阳区（含下级）；类型：医疗机构}
 * @param printedBy who prints it
 * @param total     how many institutions match
 * @param rows      the first rows of the result, in the order shown (more than {@value #MAX_ROWS} are cut)
 */
public record InstitutionListReport(String filters, String printedBy, long total, List<Row> rows) {

    /** The template in {@code reports/}. */
    static final String TEMPLATE = "institution-list";

    /** The most rows printed. */
    public static final int MAX_ROWS = 2_000;

    /**
     * One institution as listed.
     *
     * @param code         机构代码
     * @param name         机构名称
     * @param kindName     the kind as printed, e.g. 医疗机构, 市级注册管理中心
     * @param regionName   the region's full name, e.g. 北京市朝阳区
     * @param natureCategory for medical institutions nature and category (e.g. 公立 · 综合医院), else empty
     * @param contact      联系人, may be empty
     * @param phone        联系电话, may be empty
     * @param registeredOn 登记日期, may be {@code null}
     * @param statusName   the status as printed, e.g. 正常, 已注销
     */
    public record Row(String code, String name, String kindName, String regionName, String natureCategory,
                      String contact, String phone, LocalDate registeredOn, String statusName) {
        public Row {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kindName, "kindName");
            Objects.requireNonNull(regionName, "regionName");
            Objects.requireNonNull(statusName, "statusName");
        }
    }

    public InstitutionListReport {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(printedBy, "printedBy");
        rows = List.copyOf(rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows);
        if (total < rows.size()) {
            throw new IllegalArgumentException("InstitutionListReport: total " + total + " is less than the "
                    + rows.size() + " rows given");
        }
    }

    /** The template values: {@code filters}, {@code printedBy}, {@code summary}. */
    public Map<String, String> toValues() {
        String summary = total > rows.size()
                ? "共 " + total + " 个机构，本表仅列出前 " + rows.size() + " 个；完整结果请导出 Excel 或 CSV。"
                : "共 " + total + " 个机构。";
        return Map.ofEntries(
                entry("filters", filters.isBlank() ? "全部（本级及下级）" : filters),
                entry("printedBy", printedBy),
                entry("summary", summary));
    }

    /** The list {@code rows}: {@code no} (1, 2, …) and the fields of {@link Row}, absent texts empty. */
    public Map<String, List<Map<String, String>>> toLists() {
        List<Map<String, String>> list = new ArrayList<>(rows.size());
        int no = 0;
        for (Row row : rows) {
            list.add(Map.ofEntries(
                    entry("no", Integer.toString(++no)),
                    entry("code", row.code()),
                    entry("name", row.name()),
                    entry("kindName", row.kindName()),
                    entry("regionName", row.regionName()),
                    entry("natureCategory", text(row.natureCategory())),
                    entry("contact", text(row.contact())),
                    entry("phone", text(row.phone())),
                    entry("registeredOn", row.registeredOn() == null ? "" : ReportFormats.date(row.registeredOn())),
                    entry("statusName", row.statusName())));
        }
        return Map.of("rows", list);
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
