package cn.healthcard.audit.web;

import cn.healthcard.audit.AuditPage;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters, page and order of an audit trail search, as the API receives them: the query parameters of
 * {@code GET /api/v1/audit/events} or the JSON body of {@code POST /api/v1/audit/events/search}. Every filter is
 * optional; the ones that are set must all match.
 */
@Schema(description = "Audit trail search (审计日志查询). Every filter is optional; the ones set must all match. "
        + "The caller's region always narrows the search.")
record AuditSearchRequest(
        @Schema(description = "exact card number", example = "110105000000000001") String cardNo,
        @Schema(description = "document type code (WS 364 CV02.01.101), with documentNumber", example = "01")
        String documentType,
        @Schema(description = "the resident's document number, with documentType (searched through its keyed hash; "
                + "never stored or indexed in plaintext)") String documentNumber,
        @Schema(description = "the resident's full name (searched through its keyed hash; a part finds nothing)")
        String name,
        @Schema(description = "institution code of the acting user", example = "BJ-110105") String institution,
        @Schema(description = "GB/T 2260 region code: the region and every region below it", example = "110105")
        String region,
        @Schema(description = "event type", example = "CardStatusChanged") String eventType,
        @Schema(description = "user name of whoever acted", example = "supervisor") String actor,
        @Schema(description = "first day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-01") String from,
        @Schema(description = "last day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-30") String to,
        @Schema(description = "words of a reason or detail, matched as a phrase", example = "地铁站遗失") String text,
        @Schema(description = "page number from 0", type = "integer", format = "int32", defaultValue = "0",
                minimum = "0") String page,
        @Schema(description = "entries per page, 1–" + AuditSearch.MAX_PAGE_SIZE, type = "integer", format = "int32",
                defaultValue = "20", minimum = "1",
                maximum = "" + AuditSearch.MAX_PAGE_SIZE) String size,
        @Schema(description = "order of the results", defaultValue = "NEWEST_FIRST",
                allowableValues = {"NEWEST_FIRST", "OLDEST_FIRST", "EVENT_TYPE", "ACTOR", "CARD_NO"}) String sort) {

    static final int DEFAULT_SIZE = 20;

    /** A checked search: the service's query, page, size and order. */
    record Parsed(AuditQuery query, int page, int size, AuditPage.Sort sort) {
    }

    /**
     * Checks the parameters the API owns (dates, page, size, order) and builds the query; the filters themselves are
     * checked by the service.
     *
     * @throws DomainValidationException naming every bad parameter
     */
    Parsed parse() {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate first = date("from", "开始日期", from, violations);
        LocalDate last = date("to", "结束日期", to, violations);
        Integer pageValue = number("page", "页码", page, 0, 0, Integer.MAX_VALUE, violations);
        Integer sizeValue = number("size", "每页条数", size, DEFAULT_SIZE, 1, AuditSearch.MAX_PAGE_SIZE, violations);
        AuditPage.Sort order = sort(violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return new Parsed(query(first, last), pageValue, sizeValue, order);
    }

    /** Only the filters (for exports, which have no pages). */
    AuditQuery parseQuery() {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate first = date("from", "开始日期", from, violations);
        LocalDate last = date("to", "结束日期", to, violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return query(first, last);
    }

    private AuditQuery query(LocalDate first, LocalDate last) {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, region, eventType, actor, first,
                last, text);
    }

    /**
     * The service's violations under the API's parameter names ({@code regionCode} is {@code region} here), so that
     * {@code errors[].field} names what the caller sent.
     */
    static DomainValidationException renamed(DomainValidationException e) {
        if (e.violations().stream().noneMatch(v -> "regionCode".equals(v.field()))) {
            return e;
        }
        return new DomainValidationException(e.violations().stream()
                .map(v -> "regionCode".equals(v.field()) ? new FieldViolation("region", v.message()) : v).toList());
    }

    private static LocalDate date(String field, String label, String raw, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "「" + label + "」应为 yyyy-MM-dd 格式的日期，例如 2026-11-22"));
            return null;
        }
    }

    private static Integer number(String field, String label, String raw, int fallback, int min, int max,
                                  List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new FieldViolation(field, max == Integer.MAX_VALUE
                ? "「" + label + "」应为不小于 " + min + " 的整数"
                : "「" + label + "」应为 " + min + "–" + max + " 的整数"));
        return null;
    }

    private AuditPage.Sort sort(List<FieldViolation> violations) {
        if (sort == null || sort.isBlank()) {
            return AuditPage.Sort.NEWEST_FIRST;
        }
        try {
            return AuditPage.Sort.valueOf(sort.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("sort", "「排序」应为 NEWEST_FIRST、OLDEST_FIRST、EVENT_TYPE、ACTOR 或 "
                    + "CARD_NO 之一"));
            return null;
        }
    }

    /** Query parameters that would put personal data into URLs and access logs; only the POST forms take them. */
    static final List<String> PERSONAL_PARAMETERS = List.of("documentType", "documentNumber", "name");

    /**
     * The filters of the GET forms (query string): everything but the document and the name, which identify a
     * person and therefore travel in the POST body only (SEC-02).
     */
    @Schema(description = "Audit trail search in the query string: no document number or name (use the POST form)")
    record UrlFilters(
            @Schema(description = "exact card number", example = "110105000000000001") String cardNo,
            @Schema(description = "institution code of the acting user", example = "BJ-110105") String institution,
            @Schema(description = "GB/T 2260 region code: the region and every region below it", example = "110105")
            String region,
            @Schema(description = "event type", example = "CardStatusChanged") String eventType,
            @Schema(description = "user name of whoever acted", example = "supervisor") String actor,
            @Schema(description = "first day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-01") String from,
            @Schema(description = "last day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-30") String to,
            @Schema(description = "words of a reason or detail, matched as a phrase", example = "地铁站遗失") String text,
            @Schema(description = "page number from 0", type = "integer", format = "int32", defaultValue = "0",
                    minimum = "0") String page,
            @Schema(description = "entries per page, 1–" + AuditSearch.MAX_PAGE_SIZE, type = "integer",
                    format = "int32", defaultValue = "20", minimum = "1", maximum = "" + AuditSearch.MAX_PAGE_SIZE)
            String size,
            @Schema(description = "order of the results", defaultValue = "NEWEST_FIRST",
                    allowableValues = {"NEWEST_FIRST", "OLDEST_FIRST", "EVENT_TYPE", "ACTOR", "CARD_NO"})
            String sort) {

        /**
         * The search these parameters ask for.
         *
         * @param parameterNames every parameter name of the query string
         * @throws DomainValidationException when the query string carries a document number, type or name
         */
        AuditSearchRequest checked(java.util.Set<String> parameterNames) {
            List<FieldViolation> violations = PERSONAL_PARAMETERS.stream().filter(parameterNames::contains)
                    .map(p -> new FieldViolation(p, "「" + label(p) + "」不能放在网址中，请用 POST 方式提交查询条件"))
                    .toList();
            if (!violations.isEmpty()) {
                throw new DomainValidationException(violations);
            }
            return new AuditSearchRequest(cardNo, null, null, null, institution, region, eventType, actor, from, to,
                    text, page, size, sort);
        }

        private static String label(String parameter) {
            return switch (parameter) {
                case "documentType" -> "证件类型";
                case "documentNumber" -> "证件号码";
                default -> "姓名";
            };
        }
    }
}
