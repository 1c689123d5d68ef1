package cn.healthcard.supervision.monthly;

import java.time.Instant;

/**
 * One region's report of one China month (decision 037), without its PDF bytes.
 *
 * @param status     {@link Status}
 * @param generation how many times the PDF was rendered (a send-back renders it again)
 * @param sm3        SM3 of the current PDF (hex), {@code null} before the first rendering
 */
public record MonthlyReport(String reportNo, String regionCode, String regionName, String month, Status status,
                            int generation, String sm3, String summary, String reviewComment, String reviewedBy,
                            Instant generatedAt, Instant publishedAt, String publishedBy) {

    public enum Status {
        /** Opened, being generated (again). */
        OPEN("生成中", "Generating"),
        /** Generated, waiting for the region's supervisor. */
        REVIEW("待审核", "In review"),
        /** Approved and published. */
        PUBLISHED("已发布", "Published");

        private final String nameZh;
        private final String nameEn;

        Status(String nameZh, String nameEn) {
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }

        public String nameZh() {
            return nameZh;
        }

        public String nameEn() {
            return nameEn;
        }
    }

    /** The PDF's file name, e.g. {@code 月度报告-430100-2026-11.pdf}. */
    public String fileName() {
        return "月度报告-" + regionCode + "-" + month + ".pdf";
    }
}
