package cn.healthcard.card.web;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusQuery;
import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.CardStatusQuery.Ordering;
import cn.healthcard.card.CardStatusQuery.SortField;
import cn.healthcard.card.CardStatusResult;
import cn.healthcard.card.CardStatusRow;
import cn.healthcard.card.CardStatusSearch;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * 卡片状态查询 over HTTP (APP-13, SEC-02, INT-06): the same service and rules as the screen. Bad parameters answer
 * 400 problem+json naming the query parameter ({@code region}, {@code institution}, {@code status}, {@code from},
 * {@code to}, {@code dateField}, {@code page}, {@code size}, {@code sort}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "card-status", description = "卡片状态查询 / card-status search with counts")
@SecurityRequirement(name = "basic")
class CardStatusController {

    static final int DEFAULT_SIZE = 50;

    /** Service field → query parameter, so that a problem names what the caller sent. */
    private static final Map<String, String> PARAMETERS = Map.of("regionCode", "region",
            "institutionCode", "institution", "statuses", "status");

    /** Sort names of the API → service fields. */
    private static final Map<String, SortField> SORTS = Map.of("cardNo", SortField.CARD_NO, "status",
            SortField.STATUS, "region", SortField.REGION, "institution", SortField.INSTITUTION, "issuedAt",
            SortField.ISSUED_AT, "statusChangedAt", SortField.STATUS_CHANGED_AT);

    private final CardStatusSearch search;

    CardStatusController(CardStatusSearch search) {
        this.search = search;
    }

    @GetMapping("/cards")
    @Operation(summary = "Current status of cards, with counts per status (卡片状态查询)", description = "Cards within "
            + "the caller's region, filtered by region (prefix scope: a province code finds all its cities and "
            + "counties), institution, status and a period (China time, both ends inclusive) on the issue date "
            + "(dateField=ISSUED) or the last status change (dateField=STATUS_CHANGED, the default). countsByStatus "
            + "and total are exact counts over the whole filter, not just the page, from the card table. Holder names "
            + "are masked. Roles AUDITOR, SUPERVISOR, ADMIN; 403 for others; 400 names each bad parameter.")
    CardStatusResponse cards(
            @Parameter(description = "GB/T 2260 region code within your own region; empty = your whole region",
                    example = "110105")
            @RequestParam(name = "region", required = false) String region,
            @Parameter(description = "institution code (exact), within your region", example = "BJ-110105")
            @RequestParam(name = "institution", required = false) String institution,
            @Parameter(description = "statuses to include, repeated or comma-separated; empty = all",
                    array = @ArraySchema(schema = @Schema(implementation = CardStatus.class)))
            @RequestParam(name = "status", required = false) List<String> status,
            @Parameter(description = "first day (yyyy-MM-dd, China time), inclusive",
                    schema = @Schema(type = "string", format = "date"))
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "last day (yyyy-MM-dd, China time), inclusive",
                    schema = @Schema(type = "string", format = "date"))
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "the date from/to apply to",
                    schema = @Schema(allowableValues = {"ISSUED", "STATUS_CHANGED"}, defaultValue = "STATUS_CHANGED"))
            @RequestParam(name = "dateField", required = false) String dateField,
            @Parameter(description = "0-based page number",
                    schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "rows per page, 1–" + CardStatusSearch.MAX_PAGE_SIZE,
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + CardStatusSearch.MAX_PAGE_SIZE, defaultValue = "" + DEFAULT_SIZE))
            @RequestParam(name = "size", required = false) String size,
            @Parameter(description = "field[,asc|desc]; fields cardNo, status, region, institution, issuedAt, "
                    + "statusChangedAt", schema = @Schema(defaultValue = "statusChangedAt,desc"))
            @RequestParam(name = "sort", required = false) String sort) {
        List<FieldViolation> violations = new ArrayList<>();
        Set<CardStatus> statuses = statuses(status, violations);
        LocalDate fromDate = date("from", from, violations);
        LocalDate toDate = date("to", to, violations);
        DateField field = dateField(dateField, violations);
        Integer pageValue = number("page", page, 0, violations);
        Integer sizeValue = number("size", size, DEFAULT_SIZE, violations);
        Ordering ordering = ordering(sort, violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        CardStatusResult result;
        try {
            result = search.search(new CardStatusQuery(region, institution, statuses, field, fromDate, toDate,
                    pageValue, sizeValue, ordering));
        } catch (DomainValidationException e) {
            throw new DomainValidationException(e.violations().stream()
                    .map(v -> new FieldViolation(PARAMETERS.getOrDefault(v.field(), v.field()), v.message()))
                    .toList());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        result.countsByStatus().forEach((s, n) -> counts.put(s.name(), n));
        return new CardStatusResponse(result.items().stream().map(Item::of).toList(), counts, result.total(),
                result.page(), result.size(), result.totalPages());
    }

    private static Set<CardStatus> statuses(List<String> raw, List<FieldViolation> violations) {
        Set<CardStatus> statuses = EnumSet.noneOf(CardStatus.class);
        if (raw == null) {
            return statuses;
        }
        for (String part : raw.stream().flatMap(s -> java.util.Arrays.stream(s.split(","))).toList()) {
            if (part.isBlank()) {
                continue;
            }
            try {
                statuses.add(CardStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("status", "「卡片状态」不存在: " + part.trim()));
            }
        }
        return statuses;
    }

    private static LocalDate date(String name, String raw, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(name, "「" + name + "」应为日期 (yyyy-MM-dd)"));
            return null;
        }
    }

    private static DateField dateField(String raw, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return DateField.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("dateField", "「dateField」应为 ISSUED 或 STATUS_CHANGED"));
            return null;
        }
    }

    private static Integer number(String name, String raw, int fallback, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(name, "「" + name + "」应为整数"));
            return null;
        }
    }

    private static Ordering ordering(String raw, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split(",", -1);
        SortField field = SORTS.get(parts[0].trim());
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (field == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            violations.add(new FieldViolation("sort", "「sort」应为 字段[,asc|desc]，字段为 cardNo、status、region、"
                    + "institution、issuedAt、statusChangedAt 之一"));
            return null;
        }
        return new Ordering(field, direction.equals("desc"));
    }

    record CardStatusResponse(List<Item> items,
                              @Schema(description = "exact count per status over the whole filter (every status "
                                      + "asked for, 0 where none)") Map<String, Long> countsByStatus,
                              @Schema(description = "cards matching the filter") long total,
                              int page, int size, long totalPages) {
    }

    @Schema(description = "One card: no document number; the holder's name masked")
    record Item(String cardNo,
                @Schema(implementation = CardStatus.class) String status,
                @Schema(description = "status in Chinese", example = "正常") String statusName,
                @Schema(description = "holder's name, masked", example = "张*三") String holderName,
                String regionCode, String regionName, String institutionCode, String institutionName,
                Instant producedAt, Instant issuedAt, Instant statusChangedAt) {

        static Item of(CardStatusRow r) {
            return new Item(r.cardNo(), r.status().name(), r.status().nameZh(), r.holderNameMasked(), r.regionCode(),
                    r.regionName(), r.institutionCode(), r.institutionName(), r.producedAt(), r.issuedAt(),
                    r.statusChangedAt());
        }
    }
}
