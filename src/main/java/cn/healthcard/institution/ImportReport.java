package cn.healthcard.institution;

import java.util.List;

/**
 * The outcome of an import (INT-01), one line per row. All or nothing: {@code committed} is true only when no row
 * was rejected, and then the accepted rows were written in one transaction; otherwise nothing was written.
 * A row identical to the institution already registered under its code is a {@link Outcome#DUPLICATE}, skipped
 * (decision 023).
 *
 * @param millis how long the import took
 */
public record ImportReport(String source, int total, int accepted, int rejected, int duplicates, boolean committed,
                           List<RowResult> rows, long millis) {

    public enum Outcome {
        ACCEPTED("接受", "Accepted"),
        REJECTED("拒绝", "Rejected"),
        DUPLICATE("重复（已跳过）", "Duplicate (skipped)");

        private final String nameZh;
        private final String nameEn;

        Outcome(String nameZh, String nameEn) {
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

    /**
     * @param column the header of the column at fault (e.g. {@code 统一社会信用代码}), null unless rejected
     * @param reason why the row was rejected or is a duplicate, null when accepted
     */
    public record RowResult(int rowNumber, String code, Outcome outcome, String column, String reason) {
    }

    /** A short Chinese summary for the screen. */
    public String summary() {
        return (committed ? "已导入" : "未导入（有被拒绝的行，全部未写入）") + "：共" + total + "行，接受" + accepted
                + "行，拒绝" + rejected + "行，重复" + duplicates + "行";
    }
}
