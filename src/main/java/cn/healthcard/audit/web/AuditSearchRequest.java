package cn.healthcard.audit.web;

import cn.healthcard.audit.AuditPage;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.PageQuery;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The filters, page and order of an audit trail search in the JSON body of {@code POST /api/v1/audit/events/search}
 * (and the POST exports). Every filter is optional; the ones that are set must all match. Jackson and bean validation
 * check the types and formats (400 naming the property); the filters themselves are checked by the service.
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
        @Schema(description = "first day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-01") LocalDate from,
        @Schema(description = "last day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-30") LocalDate to,
        @Schema(description = "words of a reason or detail, matched as a phrase", example = "地铁站遗失") String text,
        @Schema(description = "page number from 0", defaultValue = "0", minimum = "0")
        @Min(value = 0, message = "「页码」不能小于0") Integer page,
        @Schema(description = "entries per page, 1–" + AuditSearch.MAX_PAGE_SIZE, defaultValue = "" + DEFAULT_SIZE,
                minimum = "1", maximum = "" + AuditSearch.MAX_PAGE_SIZE)
        @Min(value = 1, message = "「每页条数」不能小于1") Integer size,
        @Schema(description = "order of the results", defaultValue = "NEWEST_FIRST",
                allowableValues = {"NEWEST_FIRST", "OLDEST_FIRST", "EVENT_TYPE", "ACTOR", "CARD_NO"})
        @Pattern(regexp = SORTS, flags = Pattern.Flag.CASE_INSENSITIVE, message = SORT_MESSAGE) String sort) {

    static final int DEFAULT_SIZE = 20;

    /** The orders, in any case and with {@code -} for {@code _}; blank = the default. */
    static final String SORTS = "\\s*((NEWEST|OLDEST)[-_]FIRST|EVENT[-_]TYPE|ACTOR|CARD[-_]NO)?\\s*";

    static final String SORT_MESSAGE = "「排序」应为 NEWEST_FIRST、OLDEST_FIRST、EVENT_TYPE、ACTOR 或 CARD_NO 之一";

    /** The service's query. */
    AuditQuery query() {
        return new AuditQuery(cardNo, documentType, documentNumber, name, institution, region, eventType, actor, from,
                to, text);
    }

    /** The page asked for, with the search's default size. */
    PageQuery paging() {
        return new PageQuery(page, size);
    }

    /** The order asked for (validated above). */
    AuditPage.Sort order() {
        return order(sort);
    }

    static AuditPage.Sort order(String sort) {
        return sort == null || sort.isBlank() ? AuditPage.Sort.NEWEST_FIRST
                : AuditPage.Sort.valueOf(sort.strip().replace('-', '_').toUpperCase(Locale.ROOT));
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

    /**
     * The filters of the GET forms (query string), bound by Spring; the page is the shared {@link PageQuery}. The
     * document and the name identify a person and therefore travel in the POST body only (SEC-02): in a query string
     * they are refused with 400 naming them, and they are not in the OpenAPI document.
     */
    @Schema(description = "Audit trail search in the query string: no document number or name (use the POST form)")
    record UrlFilters(
            @Parameter(description = "exact card number", example = "110105000000000001") String cardNo,
            @Parameter(description = "institution code of the acting user", example = "BJ-110105") String institution,
            @Parameter(description = "GB/T 2260 region code: the region and every region below it",
                    example = "110105")
            String region,
            @Parameter(description = "event type", example = "CardStatusChanged") String eventType,
            @Parameter(description = "user name of whoever acted", example = "supervisor") String actor,
            @Parameter(description = "first day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-01",
                    schema = @Schema(type = "string", format = "date"))
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, China time, inclusive (yyyy-MM-dd)", example = "2026-11-30",
                    schema = @Schema(type = "string", format = "date"))
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "words of a reason or detail, matched as a phrase", example = "地铁站遗失")
            String text,
            @Parameter(description = "order of the results (search only)", schema = @Schema(
                    defaultValue = "NEWEST_FIRST",
                    allowableValues = {"NEWEST_FIRST", "OLDEST_FIRST", "EVENT_TYPE", "ACTOR", "CARD_NO"}))
            @Pattern(regexp = SORTS, flags = Pattern.Flag.CASE_INSENSITIVE, message = SORT_MESSAGE) String sort,
            @Parameter(hidden = true)
            @Null(message = "「证件类型」不能放在网址中，请用 POST 方式提交查询条件") String documentType,
            @Parameter(hidden = true)
            @Null(message = "「证件号码」不能放在网址中，请用 POST 方式提交查询条件") String documentNumber,
            @Parameter(hidden = true)
            @Null(message = "「姓名」不能放在网址中，请用 POST 方式提交查询条件") String name) {

        /** The service's query (the personal filters are refused above, never passed on). */
        AuditQuery query() {
            return new AuditQuery(cardNo, null, null, null, institution, region, eventType, actor, from, to, text);
        }

        AuditPage.Sort order() {
            return AuditSearchRequest.order(sort);
        }
    }
}
