package cn.healthcard.institution.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.PageQuery;
import cn.healthcard.institution.ImportReport;
import cn.healthcard.institution.InstitutionChange;
import cn.healthcard.institution.InstitutionChanges;
import cn.healthcard.institution.InstitutionCounts;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionImport;
import cn.healthcard.institution.InstitutionPage;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionRow;
import cn.healthcard.institution.InstitutionService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * The institution register over HTTP (ORG-01…05, INT-01, STAT-01): the same service, the same rules and the same
 * region scoping as the screens. Decision 023.
 */
@RestController
@RequestMapping("/api/v1/institutions")
@Tag(name = "institutions", description = "机构管理 / institution register")
@SecurityRequirement(name = "basic")
class InstitutionController {

    static final int DEFAULT_LIMIT = 500;
    private static final ObjectMapper PAYLOADS = new ObjectMapper();

    private final InstitutionService institutions;
    private final InstitutionImport imports;
    private final ObjectMapper json;

    InstitutionController(InstitutionService institutions, InstitutionImport imports, ObjectMapper json) {
        this.institutions = institutions;
        this.imports = imports;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Combined query of the register (机构组合查询)", description = "Institutions in your region "
            + "and below matching every given filter, ordered by region then code; regionCode includes its "
            + "sub-regions, a region outside yours gives an empty page. Default page size "
            + InstitutionService.DEFAULT_PAGE_SIZE + ", at most " + InstitutionService.MAX_PAGE_SIZE
            + ". Roles ADMIN, SUPERVISOR, AUDITOR; 400 names a bad parameter.")
    InstitutionPage search(@Valid @ParameterObject InstitutionQuery query, @Valid @ParameterObject PageQuery paging) {
        return institutions.search(query, paging);
    }

    @GetMapping("/{code}")
    @Operation(summary = "Details of an institution (机构详情)", description = "404 when it does not exist or is "
            + "outside your region. Roles ADMIN, SUPERVISOR, AUDITOR.")
    InstitutionDetails details(@PathVariable String code) {
        return institutions.details(code);
    }

    @GetMapping("/{code}/history")
    @Operation(summary = "History of an institution: its exchange-log entries, oldest first",
            description = "404 when it does not exist or is outside your region. Roles ADMIN, SUPERVISOR, AUDITOR.")
    List<ChangeItem> history(@PathVariable String code) {
        return institutions.history(code).stream().map(ChangeItem::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an institution (机构注册)", description = "201 with the institution. 400 names "
            + "each bad field: the kind's required fields, a region not in GB/T 2260 or outside your region, the "
            + "superior centre, the credit code's check character, a code in use, a second centre in a region. "
            + "superiorCode may be left out: the service fills in the centre above. Role ADMIN.")
    ResponseEntity<InstitutionDetails> register(@RequestBody InstitutionForm body) {
        InstitutionDetails d = institutions.register(body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{code}")
                .buildAndExpand(d.code()).toUri()).body(d);
    }

    @PutMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Modify an institution (机构修改)", description = "version = the version you read; 409 "
            + "INSTITUTION_VERSION when someone changed it meanwhile, INSTITUTION_CANCELLED when cancelled; code and "
            + "kind cannot change; 404 outside your region. Role ADMIN.")
    InstitutionDetails modify(@PathVariable String code,
                              @Parameter(description = "the version you read", required = true)
                              @RequestParam long version,
                              @RequestBody InstitutionForm body) {
        return institutions.modify(code, version, body);
    }

    @PostMapping(path = "/{code}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel an institution (机构注销)", description = "Keeps the row and its history; the "
            + "institution takes no new business. 409 INSTITUTION_VERSION, INSTITUTION_CANCELLED, or "
            + "INSTITUTION_HAS_ACTIVE_BELOW for a centre with active institutions below it; 400 without a reason; "
            + "404 outside your region. Role ADMIN.")
    InstitutionDetails cancel(@PathVariable String code, @RequestBody CancelRequest body) {
        if (body.version() == null) {
            throw new DomainValidationException("version", "「版本」不能为空");
        }
        return institutions.cancel(code, body.version(), body.reason());
    }

    @GetMapping("/counts")
    @Operation(summary = "Counts by kind, centre level and status (机构统计, STAT-01)", description = "Within "
            + "regionCode (default: your region) and below; 404 for a region outside yours. Roles ADMIN, "
            + "SUPERVISOR, AUDITOR.")
    CountsResponse counts(@Parameter(description = "region (default: yours)") @RequestParam(required = false)
                          String regionCode) {
        if (regionCode != null && !regionCode.isBlank() && !regionCode.strip().matches("\\d{6}")) {
            throw new DomainValidationException("regionCode", "「行政区划」应为6位数字");
        }
        InstitutionCounts c = institutions.counts(regionCode);
        return new CountsResponse(c.regionCode(), c.total(), c.byKind(), c.byLevel(), c.byStatus(), c.rows());
    }

    @GetMapping("/changes")
    @Operation(summary = "Register changes after a sequence number (机构变更同步)", description = "Exchange-log "
            + "entries (REGISTERED / MODIFIED / CANCELLED, with the institution's state after the change as JSON) of "
            + "your region and below, in ascending seq order. since=0 (the default) is the full export; ask again with "
            + "since=nextSince while hasMore. Roles ADMIN, SUPERVISOR, AUDITOR; 400 names a bad parameter.")
    ChangesResponse changes(@ParameterObject ChangesQuery query) {
        int limit = query.limit() == null ? DEFAULT_LIMIT
                : (int) Math.max(Integer.MIN_VALUE, Math.min(query.limit(), Integer.MAX_VALUE));
        InstitutionChanges page = institutions.changesSince(query.since() == null ? 0L : query.since(), limit);
        return new ChangesResponse(page.items().stream().map(ChangeItem::of).toList(), page.nextSince(),
                page.hasMore());
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a CSV or .xlsx file (机构导入, INT-01)", description = "Columns as "
            + "docs/examples/institution-import.csv. All or nothing: 200 with the per-row report when every row was "
            + "accepted or a duplicate (written), 422 with the report when any row was rejected (nothing written). "
            + "413 above " + InstitutionImport.MAX_BYTES + " bytes; 400 naming file for an unreadable file, wrong "
            + "headers or more than " + InstitutionImport.MAX_ROWS + " rows. Role ADMIN; rows outside your region "
            + "are rejected.")
    ResponseEntity<ImportReport> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new DomainValidationException("file", "请选择要导入的文件");
        }
        if (file.getSize() > InstitutionImport.MAX_BYTES) {
            throw tooLarge();
        }
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        if (name.length() > 200) {
            throw new DomainValidationException("file", "文件名不能超过200个字符");
        }
        try (InputStream in = file.getInputStream()) {
            return reported(imports.importFile(name, in, null));
        }
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import rows posted as JSON (机构批量导入, INT-01)", description = "Same rules and report "
            + "as the file import: 200 when written, 422 with the report when any row was rejected. 413 above "
            + InstitutionImport.MAX_BYTES + " bytes or " + InstitutionImport.MAX_ROWS + " rows. Role ADMIN.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BatchRequest.class))))
    ResponseEntity<ImportReport> batch(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > InstitutionImport.MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) InstitutionImport.MAX_BYTES + 1);
        }
        if (body.length > InstitutionImport.MAX_BYTES) {
            throw tooLarge();
        }
        BatchRequest batch;
        try {
            batch = json.readValue(body, BatchRequest.class);
        } catch (JsonProcessingException e) {
            throw new DomainValidationException("rows", "请求体应为 {\"rows\": [...]}，每行的字段见接口说明");
        }
        if (batch == null || batch.rows() == null || batch.rows().isEmpty()) {
            throw new DomainValidationException("rows", "没有要导入的行");
        }
        if (batch.rows().size() > InstitutionImport.MAX_ROWS) {
            throw new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE,
                    problem(HttpStatus.PAYLOAD_TOO_LARGE, "一次最多导入" + InstitutionImport.MAX_ROWS + "行"), null);
        }
        String source = request.getHeader("X-Import-Source");
        source = source == null || source.isBlank() ? "batch" : source.strip();
        if (source.length() > 100) {
            throw new DomainValidationException("X-Import-Source", "「来源」不能超过100个字符");
        }
        return reported(imports.importRows(source, batch.rows(), null));
    }

    private static ResponseEntity<ImportReport> reported(ImportReport report) {
        return ResponseEntity.status(report.committed() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(report);
    }

    private static ErrorResponseException tooLarge() {
        return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE, problem(HttpStatus.PAYLOAD_TOO_LARGE,
                "导入内容不能超过" + InstitutionImport.MAX_BYTES + "字节"), null);
    }

    private static org.springframework.http.ProblemDetail problem(HttpStatus status, String detail) {
        return org.springframework.http.ProblemDetail.forStatusAndDetail(status, detail);
    }

    record CancelRequest(@Schema(description = "the version you read") Long version,
                         @Schema(description = "注销原因, 1–200 characters") String reason) {
    }

    record BatchRequest(@Schema(description = "rows in the order of the file columns; rowNumber optional")
                        List<InstitutionRow> rows) {
    }

    /**
     * @param since last seq already applied; absent = 0, the full export
     * @param limit most changes to return; absent = {@value #DEFAULT_LIMIT}
     */
    record ChangesQuery(
            @Parameter(description = "last seq already applied; 0 for a full export",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            Long since,
            @Parameter(description = "most changes to return, 1–" + InstitutionService.MAX_EXPORT_LIMIT,
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + InstitutionService.MAX_EXPORT_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            Long limit) {
    }

    record ChangesResponse(List<ChangeItem> items, long nextSince, boolean hasMore) {
    }

    record CountsResponse(String regionCode, long total, java.util.Map<?, Long> byKind, java.util.Map<?, Long> byLevel,
                          java.util.Map<?, Long> byStatus, List<InstitutionCounts.Row> rows) {
    }

    @Schema(description = "One change of the register")
    record ChangeItem(long seq, String code,
                      @Schema(allowableValues = {"REGISTRATION_CENTRE", "SERVICE_POINT", "MEDICAL", "CARD_MAKER",
                              "FINANCIAL"}) String kind,
                      String regionCode, long version,
                      @Schema(allowableValues = {"REGISTERED", "MODIFIED", "CANCELLED"}) String type,
                      @Schema(description = "the institution after the change, as JSON") com.fasterxml.jackson.databind.JsonNode payload,
                      Instant at, String by) {

        static ChangeItem of(InstitutionChange c) {
            return new ChangeItem(c.seq(), c.code(), c.kind().name(), c.regionCode(), c.version(), c.type().name(),
                    parse(c.payload()), c.at(), c.by());
        }

        private static com.fasterxml.jackson.databind.JsonNode parse(String payload) {
            try {
                return PAYLOADS.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable change payload", e);
            }
        }
    }
}
