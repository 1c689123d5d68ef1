package cn.healthcard.institutionui;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone took institutions of the register out of the system (ORG-03): an Excel or CSV export or a PDF print of a
 * query (up to 50 000 rows with contacts, heads and phones), or one institution's details as PDF. Recorded by the
 * audit module as the user who did it; the entry says the format, the query and how many rows the document holds.
 *
 * @param username   who exported (also the entry's actor)
 * @param regionCode the user's region, so the auditors of that region find the entry
 * @param format     what was made
 * @param rows       the rows in the document
 * @param matched    the rows the query matched (more than {@code rows} when the document was cut)
 * @param filters    the query in words
 */
public record InstitutionsExported(String username, String regionCode, Format format, int rows, long matched,
                                   String filters) implements AuditableEvent {

    /** What an export made. */
    public enum Format {
        XLSX("Excel"), CSV("CSV"), LIST_PDF("PDF 打印"), DETAILS_PDF("PDF 详情");

        private final String label;

        Format(String label) {
            this.label = label;
        }
    }

    @Override
    public String subjectType() {
        return "InstitutionRegister";
    }

    @Override
    public String subjectId() {
        return username;
    }

    /** {@code Excel：3 行（符合 3 条）；地区：浙江省杭州市（本级及下级）；名称含：…}. */
    @Override
    public String detail() {
        return format.label + "：" + rows + " 行（符合 " + matched + " 条）；" + filters;
    }
}
