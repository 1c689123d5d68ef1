package cn.healthcard.supervision.export;

import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Exports of the supervision tables over the API (SUP-01…04, STAT-01; decision 038), for signed-in SUPERVISOR, AUDITOR
 * and ADMIN users (no machine scope): a job is queued (202), polled, and its file downloaded by its owner alone.
 */
@RestController
@RequestMapping("/api/v1/statistics/exports")
@Tag(name = "statistics", description = "监管统计 / supervision statistics")
@SecurityRequirement(name = "basic")
class ExportController {

    private final SupervisionExports exports;

    ExportController(SupervisionExports exports) {
        this.exports = exports;
    }

    /** The body of a new export. */
    record NewExport(
            @NotNull @Schema(description = "表格 / the table") ExportScreen screen,
            @NotNull @Schema(description = "CSV or XLSX (PDF is printed on screen)") ExportFormat format,
            @NotNull @Schema(description = "first China day") LocalDate from,
            @NotNull @Schema(description = "last China day (at most 366 days after from)") LocalDate to,
            @Schema(description = "DAY (default), WEEK or MONTH") Granularity granularity,
            @Size(max = 6) @Pattern(regexp = "\\d{6}", message = "「regionCode」应为6位代码")
            @Schema(description = "a region within the caller's; absent: the caller's own") String regionCode,
            @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "「institutionCode」格式不正确")
            String institutionCode,
            @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "「makerCode」格式不正确") String makerCode,
            @Size(max = 32) @Pattern(regexp = "[A-Z_]+", message = "「scenario」格式不正确") String scenario,
            @Schema(description = "add the previous period") Boolean compare,
            @Schema(description = "the measure whose cases a CASES export lists") Measure measure,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "「requestId」格式不正确")
            @Schema(description = "optional; the same id again returns the first job (a replayed request)")
            String requestId) {

        ExportRequest request() {
            return new ExportRequest(screen, format, new StatisticsFilter(from, to,
                    granularity == null ? Granularity.DAY : granularity, regionCode, institutionCode, makerCode,
                    scenario, Boolean.TRUE.equals(compare)), measure);
        }
    }

    @PostMapping
    @Operation(summary = "Queue an export of a supervision table (CSV or Excel); the caller alone may download it")
    ResponseEntity<ExportJob> create(@Valid @RequestBody NewExport body) {
        ExportJob job = exports.queue(body.request(), body.requestId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/statistics/exports/" + job.id())).body(job);
    }

    @GetMapping
    @Operation(summary = "The caller's latest exports")
    List<ExportJob> mine() {
        return exports.mine();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's exports: status and progress (another user's: 404)")
    ExportJob job(@PathVariable UUID id) {
        return exports.job(id);
    }

    @GetMapping("/{id}/file")
    @Operation(summary = "The finished export's file, for its owner (another user's: 404; not done or expired: 409)")
    ResponseEntity<Resource> file(@PathVariable UUID id) {
        SupervisionExports.ExportFile file = exports.file(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.size())
                .body(new FileSystemResource(file.path()));
    }
}
