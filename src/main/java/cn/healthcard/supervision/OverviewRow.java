package cn.healthcard.supervision;

/**
 * One count of the overview (STAT-01) or of the application categories (APP-04): a category (e.g. {@code CARDS},
 * {@code SAM}, {@code INSTITUTIONS}, {@code FILINGS}, {@code USE}, {@code SEX}) and an item inside it (a status, a
 * kind, a code) with its Chinese label.
 */
public record OverviewRow(String category, String item, String label, long count) {
}
