package cn.healthcard.samsupply.web;

import cn.healthcard.samsupply.SamReceipts;
import cn.healthcard.samsupply.SamSupplyStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** SAM production and issuing supervision (SAM-05, 4.3.5.1 and 4.3.5.2) with exports, and the SAM 签收单 PDF. */
@RestController
@RequestMapping("/api/v1/samsupply")
@Tag(name = "samsupply", description = "SAM卡制卡与发卡 / SAM applications, plans and issuing")
@SecurityRequirement(name = "basic")
class SamSupplyStatisticsController {

    private final SamSupplyStatistics statistics;
    private final SamReceipts receipts;

    SamSupplyStatisticsController(SamSupplyStatistics statistics, SamReceipts receipts) {
        this.statistics = statistics;
        this.receipts = receipts;
    }

    /** The filter of both statistics: China dates (inclusive, at most 366 days), maker, region, institution. */
    record Filter(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @Size(max = 32) String makerCode,
                  @Pattern(regexp = "\\d{6}") String regionCode,
                  @Size(max = 32) String institutionCode) {
        SamSupplyStatistics.Filter filter() {
            return new SamSupplyStatistics.Filter(from, to, blank(makerCode), blank(regionCode), blank(institutionCode));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** The export formats. */
    enum ExportFormat { csv, xlsx }

    @GetMapping("/statistics/production")
    @Operation(summary = "SAM production supervision per day and maker: applied, made, failed, open, progress, success rate")
    List<SamSupplyStatistics.ProductionRow> production(@Valid @ParameterObject Filter filter) {
        return statistics.production(filter.filter());
    }

    @GetMapping("/statistics/issuing")
    @Operation(summary = "SAM issuing supervision per day, region and institution: issued, signed for, not signed for")
    List<SamSupplyStatistics.IssuingRow> issuing(@Valid @ParameterObject Filter filter) {
        return statistics.issuing(filter.filter());
    }

    @GetMapping(path = "/statistics/production/export", produces = {"text/csv", SamSupplyStatisticsController.XLSX})
    @Operation(summary = "The production supervision as CSV (format=csv, default) or Excel (format=xlsx)")
    ResponseEntity<byte[]> productionExport(@Valid @ParameterObject Filter filter,
                                            @RequestParam(defaultValue = "csv") ExportFormat format) {
        var rows = statistics.production(filter.filter());
        return file("sam-production", format, format == ExportFormat.xlsx ? SamSupplyStatistics.PRODUCTION_TABLE.xlsx(rows)
                : SamSupplyStatistics.PRODUCTION_TABLE.csv(rows));
    }

    @GetMapping(path = "/statistics/issuing/export", produces = {"text/csv", SamSupplyStatisticsController.XLSX})
    @Operation(summary = "The issuing supervision as CSV (format=csv, default) or Excel (format=xlsx)")
    ResponseEntity<byte[]> issuingExport(@Valid @ParameterObject Filter filter,
                                         @RequestParam(defaultValue = "csv") ExportFormat format) {
        var rows = statistics.issuing(filter.filter());
        return file("sam-issuing", format, format == ExportFormat.xlsx ? SamSupplyStatistics.ISSUING_TABLE.xlsx(rows)
                : SamSupplyStatistics.ISSUING_TABLE.csv(rows));
    }

    @GetMapping(path = "/shipments/{shipmentNo}/receipt", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The SAM 签收单 / 交接单 of a received SAM shipment (404 not a visible SAM shipment; 409 not received)")
    ResponseEntity<byte[]> receipt(@PathVariable String shipmentNo) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("sam-receipt-" + shipmentNo + ".pdf").build().toString())
                .body(receipts.receipt(shipmentNo));
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static ResponseEntity<byte[]> file(String name, ExportFormat format, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "." + format.name(), StandardCharsets.UTF_8).build().toString())
                .contentType(format == ExportFormat.xlsx ? MediaType.parseMediaType(XLSX)
                        : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }
}
