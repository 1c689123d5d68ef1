package cn.healthcard.card;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Filter, page and order for {@link CardStatusSearch#search} (APP-13). Every filter is optional (null or blank =
 * any):
 *
 * @param regionCode      a GB/T 2260 code within the caller's region; cards of that region and the regions below it
 *                        (prefix scope, {@code RegionCode#scopePrefix}); blank = the caller's whole region
 * @param institutionCode the institution the card belongs to (exact); must lie within the caller's region
 * @param statuses        the statuses to include; null or empty = every status
 * @param dateField       which date {@code from}/{@code to} apply to; null = {@link DateField#STATUS_CHANGED}
 * @param from            first day, inclusive, China time ({@code Asia/Shanghai})
 * @param to              last day, inclusive, China time
 * @param page            0-based page number
 * @param size            rows per page, 1–{@link CardStatusSearch#MAX_PAGE_SIZE}
 * @param sort            order of the rows; null = last status change, newest first (card number breaks ties)
 */
public record CardStatusQuery(String regionCode, String institutionCode, Set<CardStatus> statuses,
                              DateField dateField, LocalDate from, LocalDate to, int page, int size,
                              Ordering sort) {

    /** The date a period filters on. */
    public enum DateField {
        /** 发卡日期: when the card was picked up and activated ({@code issuedAt}); cards never issued have none. */
        ISSUED("发卡日期", "Issued on"),
        /** 最近状态变更日期: the last status change ({@code updatedAt}; production counts as the first). */
        STATUS_CHANGED("最近状态变更日期", "Last status change");

        private final String nameZh;
        private final String nameEn;

        DateField(String nameZh, String nameEn) {
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

    /** What the rows can be ordered by. */
    public enum SortField { CARD_NO, STATUS, REGION, INSTITUTION, ISSUED_AT, STATUS_CHANGED_AT }

    /** An order: field and direction. */
    public record Ordering(SortField field, boolean descending) {
        /** The default: last status change, newest first. */
        public static final Ordering DEFAULT = new Ordering(SortField.STATUS_CHANGED_AT, true);
    }

    public CardStatusQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    }

    /** Every card within the caller's region, first page, default order. */
    public static CardStatusQuery all(int size) {
        return new CardStatusQuery(null, null, null, null, null, null, 0, size, null);
    }

    /** The statuses asked for: every status when none was chosen. */
    public Set<CardStatus> statusesOrAll() {
        return statuses.isEmpty() ? EnumSet.allOf(CardStatus.class) : EnumSet.copyOf(statuses);
    }

    public DateField dateFieldOrDefault() {
        return dateField == null ? DateField.STATUS_CHANGED : dateField;
    }

    public Ordering sortOrDefault() {
        return sort == null ? Ordering.DEFAULT : sort;
    }

    /** The same filter and order, another page. */
    public CardStatusQuery withPage(int page, int size) {
        return new CardStatusQuery(regionCode, institutionCode, statuses, dateField, from, to, page, size, sort);
    }

    /** The same filter, another order. */
    public CardStatusQuery withSort(Ordering sort) {
        return new CardStatusQuery(regionCode, institutionCode, statuses, dateField, from, to, page, size, sort);
    }
}
