package cn.healthcard.audit.web;

import cn.healthcard.audit.AuditExport;
import cn.healthcard.audit.AuditHit;
import cn.healthcard.audit.AuditLog;
import cn.healthcard.audit.AuditPage;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The audit trail over the API (APP-13, SEC-02, SEC-03): search, CSV and PDF exports for auditors, and a card's case
 * timeline. The same services as the audit screens: region-scoped, every search and export itself on record, personal
 * data only masked. The role checks here are narrower than the services' (which also admit supervisors): the API
 * search and exports are for auditors only (issue #4). See {@code docs/decisions/012-audit-api-and-exports.md}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "audit", description = "审计日志查询、导出与个案时间线 / audit trail search, exports, case timeline")
@SecurityRequirement(name = "basic")
class AuditController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private static final String FILTERS = "Filters: cardNo, documentType + documentNumber, name (full name), "
            + "institution, region (and below), eventType, actor, from/to (China days, inclusive, yyyy-MM-dd), text "
            + "(a phrase of the detail). The caller's region always narrows the search. 400 (problem detail) names "
            + "each bad parameter in errors[].field. Role AUDITOR. **Searches by document number or name take the "
            + "POST form only**: in a query string (GET) these parameters are refused with 400, so that ID numbers "
            + "and names never appear in URLs, proxy and access logs.";

    private final AuditSearch search;
    private final AuditExport export;
    private final AuditLog auditLog;

    AuditController(AuditSearch search, AuditExport export, AuditLog auditLog) {
        this.search = search;
        this.export = export;
        this.auditLog = auditLog;
    }

    @GetMapping("/audit/events")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Search the audit trail (审计日志查询)", description = "One page of matching entries with the "
            + "exact total. " + FILTERS + " Paging: page from 0, size 1–" + AuditSearch.MAX_PAGE_SIZE
            + " (default 20), only the first " + AuditSearch.MAX_WINDOW + " results can be paged; sort NEWEST_FIRST "
            + "(default), OLDEST_FIRST, EVENT_TYPE, ACTOR, CARD_NO.")
    public EventsResponse events(@Valid @ParameterObject AuditSearchRequest.UrlFilters filters,
                                 @Valid @ParameterObject PageQuery paging) {
        return find(filters.query(), paging, filters.order());
    }

    @PostMapping(path = "/audit/events/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Search the audit trail with the filters in the body (preferred for document/name searches)",
            description = "Exactly as GET /api/v1/audit/events, with the same fields in a JSON body: the document "
                    + "number and name stay out of URLs and access logs. " + FILTERS)
    public EventsResponse searchByBody(@Valid @RequestBody AuditSearchRequest request) {
        return find(request.query(), request.paging(), request.order());
    }

    @GetMapping("/audit/events.csv")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Export the matching entries as CSV (审计日志导出)", description = "UTF-8 with BOM, a header row in "
            + "Chinese, times in China time, oldest first, at most " + AuditExport.MAX_ROWS + " entries (a last "
            + "comment line starting with # says when there were more). Values that a spreadsheet would run as a "
            + "formula get a leading apostrophe. Attachment audit-yyyyMMdd-HHmm.csv. " + FILTERS,
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    schema = @Schema(type = "string"))))
    public ResponseEntity<byte[]> csv(@Valid @ParameterObject AuditSearchRequest.UrlFilters filters) {
        return file(filters.query(), "csv", TEXT_CSV, (query, out) -> export.writeCsv(query, out));
    }

    @PostMapping(path = "/audit/events.csv", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Export as CSV with the filters in the body (preferred for document/name searches)",
            description = "Exactly as GET /api/v1/audit/events.csv, with the filters in a JSON body.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    schema = @Schema(type = "string"))))
    public ResponseEntity<byte[]> csvByBody(@Valid @RequestBody AuditSearchRequest request) {
        return file(request.query(), "csv", TEXT_CSV, (query, out) -> export.writeCsv(query, out));
    }

    @GetMapping("/audit/events.pdf")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Export the matching entries as PDF (审计日志查询结果)", description = "Landscape A4: who "
            + "exported it and when, the filters, a table of the entries (oldest first, at most "
            + AuditExport.MAX_ROWS + "; the summary and every page's foot say when there were more). Attachment "
            + "audit-yyyyMMdd-HHmm.pdf. " + FILTERS,
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = "string", format = "binary"))))
    public ResponseEntity<byte[]> pdf(@Valid @ParameterObject AuditSearchRequest.UrlFilters filters) {
        return file(filters.query(), "pdf", MediaType.APPLICATION_PDF, (query, out) -> export.writePdf(query, out));
    }

    @PostMapping(path = "/audit/events.pdf", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Export as PDF with the filters in the body (preferred for document/name searches)",
            description = "Exactly as GET /api/v1/audit/events.pdf, with the filters in a JSON body.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = "string", format = "binary"))))
    public ResponseEntity<byte[]> pdfByBody(@Valid @RequestBody AuditSearchRequest request) {
        return file(request.query(), "pdf", MediaType.APPLICATION_PDF, (query, out) -> export.writePdf(query, out));
    }

    @GetMapping("/cards/{cardNo}/timeline")
    @PreAuthorize("hasAnyRole('AUDITOR','SUPERVISOR')")
    @Operation(summary = "A card's whole case history from the audit log (个案查询, APP-13)", description = "Its own "
            + "entries and every entry of the cases it took part in (application, review, production, pick-up, "
            + "lifecycle requests), oldest first, from the database (the record of truth, not the search index). "
            + "Entries outside the caller's region are left out; an unknown card has an empty timeline. Roles "
            + "AUDITOR, SUPERVISOR.")
    public List<AuditLog.Entry> timeline(@PathVariable String cardNo) {
        return auditLog.timeline(cardNo);
    }

    private EventsResponse find(AuditQuery query, PageQuery paging, AuditPage.Sort sort) {
        AuditPage page;
        try {
            page = search.search(query, paging.pageOrFirst(), paging.sizeOr(AuditSearchRequest.DEFAULT_SIZE), sort);
        } catch (DomainValidationException e) {
            throw AuditSearchRequest.renamed(e);
        }
        return new EventsResponse(page.hits(), page.total(), page.page(), page.size());
    }

    /** The export written in full before anything is sent, so a refused filter still answers 400. */
    private ResponseEntity<byte[]> file(AuditQuery query, String extension, MediaType type,
                                        BiFunction<AuditQuery, ByteArrayOutputStream, Long> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows;
        try {
            rows = writer.apply(query, out);
        } catch (DomainValidationException e) {
            throw AuditSearchRequest.renamed(e);
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(export.fileName(extension)).build().toString())
                .header("X-Audit-Rows", String.valueOf(rows))
                .body(out.toByteArray());
    }

    /**
     * One page of the search.
     *
     * @param items entries, personal data masked
     * @param total all entries that match (exact)
     */
    record EventsResponse(List<AuditHit> items, long total, int page, int size) {
    }
}
