package cn.healthcard.card.web;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.CardStatusQuery.Ordering;
import cn.healthcard.card.CardStatusQuery.SortField;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters and order of {@code GET /api/v1/cards} as Spring binds them from the query string (the page is the
 * shared {@link cn.healthcard.common.PageQuery}). Types and formats are checked here by binding and bean validation;
 * scope (region, institution) and the period are the service's rules.
 */
record CardStatusFilters(
        @Parameter(description = "GB/T 2260 region code within your own region; empty = your whole region",
                example = "110105")
        String region,
        @Parameter(description = "institution code (exact), within your region", example = "BJ-110105")
        String institution,
        @Parameter(description = "statuses to include, repeated or comma-separated (any case); empty = all",
                array = @ArraySchema(schema = @Schema(implementation = CardStatus.class)))
        List<@Pattern(regexp = STATUSES, flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "「卡片状态」应为 READY、ACTIVE、REPORTED_LOST、PIN_LOCKED、REPLACED、CANCELLED 之一")
                String> status,
        @Parameter(description = "first day (yyyy-MM-dd, China time), inclusive",
                schema = @Schema(type = "string", format = "date"))
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = "last day (yyyy-MM-dd, China time), inclusive",
                schema = @Schema(type = "string", format = "date"))
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Parameter(description = "the date from/to apply to",
                schema = @Schema(allowableValues = {"ISSUED", "STATUS_CHANGED"}, defaultValue = "STATUS_CHANGED"))
        @Pattern(regexp = "\\s*(ISSUED|STATUS_CHANGED)?\\s*", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "「dateField」应为 ISSUED 或 STATUS_CHANGED")
        String dateField,
        @Parameter(description = "field[,asc|desc]; fields cardNo, status, region, institution, issuedAt, "
                + "statusChangedAt", schema = @Schema(defaultValue = "statusChangedAt,desc"))
        @Pattern(regexp = "\\s*(" + SORT_FIELDS + ")\\s*(,\\s*(?i:asc|desc)\\s*)?|\\s*",
                message = "「sort」应为 字段[,asc|desc]，字段为 cardNo、status、region、institution、issuedAt、"
                        + "statusChangedAt 之一")
        String sort) {

    /** One status name, or several separated by commas (a single query value is split by Spring already). */
    static final String STATUS_NAMES = "READY|ACTIVE|REPORTED_LOST|PIN_LOCKED|REPLACED|CANCELLED";

    static final String STATUSES = "[\\s,]*(" + STATUS_NAMES + ")([\\s,]*,[\\s,]*(" + STATUS_NAMES + "))*[\\s,]*|[\\s,]*";

    static final String SORT_FIELDS = "cardNo|status|region|institution|issuedAt|statusChangedAt";

    /** Sort names of the API → service fields. */
    private static final Map<String, SortField> SORTS = Map.of("cardNo", SortField.CARD_NO, "status",
            SortField.STATUS, "region", SortField.REGION, "institution", SortField.INSTITUTION, "issuedAt",
            SortField.ISSUED_AT, "statusChangedAt", SortField.STATUS_CHANGED_AT);

    /** The statuses asked for (validated above); empty = all. */
    Set<CardStatus> statuses() {
        Set<CardStatus> statuses = EnumSet.noneOf(CardStatus.class);
        if (status != null) {
            status.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(s -> statuses.add(CardStatus.valueOf(s.toUpperCase(Locale.ROOT))));
        }
        return statuses;
    }

    /** The date the period applies to; null = the service's default. */
    DateField dateFieldValue() {
        return dateField == null || dateField.isBlank() ? null
                : DateField.valueOf(dateField.trim().toUpperCase(Locale.ROOT));
    }

    /** The order asked for; null = the service's default. */
    Ordering ordering() {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        String[] parts = sort.split(",", -1);
        boolean descending = parts.length > 1 && parts[1].trim().equalsIgnoreCase("desc");
        return new Ordering(SORTS.get(parts[0].trim()), descending);
    }
}
