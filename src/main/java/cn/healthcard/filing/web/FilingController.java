package cn.healthcard.filing.web;

import cn.healthcard.common.PageQuery;
import cn.healthcard.filing.AttachmentFile;
import cn.healthcard.filing.FiledProduct;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.FilingApplication;
import cn.healthcard.filing.FilingCatalogue;
import cn.healthcard.filing.FilingCompletion;
import cn.healthcard.filing.FilingDocuments;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.FilingView;
import cn.healthcard.workflow.Withdrawal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Product filing over the API (FIL-01, FIL-02): a manufacturer's machine client (scope {@code filing}) applies,
 * reads, completes and withdraws its own filings; the national centre's persons also modify and revoke; every level
 * queries and exports the catalogue and prints the certificate and opinion.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "filings", description = "生产单位及产品备案 / manufacturer and product filing")
@SecurityRequirement(name = "basic")
class FilingController {

    private static final int DEFAULT_PAGE = 50;

    private final FilingService filings;
    private final FilingCatalogue catalogue;
    private final FiledProducts filed;
    private final FilingDocuments documents;

    FilingController(FilingService filings, FilingCatalogue catalogue, FiledProducts filed,
                     FilingDocuments documents) {
        this.filings = filings;
        this.catalogue = catalogue;
        this.filed = filed;
        this.documents = documents;
    }

    @PostMapping(path = "/filings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Apply for the filing of a product (a manufacturer's client for itself, or the national "
            + "desk naming the manufacturer)", description = "400 by field (incomplete data, files of a wrong type "
            + "or size); 403 for persons outside the national centre; 404 for another manufacturer's id; 409 "
            + "MODEL_FILED when the model is filed or in review")
    ResponseEntity<FilingView> submit(@Valid @RequestBody FilingRequests.Application body) {
        FilingView view = filings.submit(new FilingApplication(body.manufacturerId(), body.productType(),
                body.model(), body.productVersion(), body.description(), FilingRequests.files(body.attachments())));
        var location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/filings/{id}")
                .buildAndExpand(view.id()).toUri();
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping("/filings")
    @Operation(summary = "The catalogue of filings, newest first (a client: its own; provincial and city centres: "
            + "published filings; the national centre: all)")
    FilingCatalogue.Result list(@Valid @ParameterObject FilingRequests.Filters filters,
                                @Valid @ParameterObject PageQuery paging) {
        return catalogue.query(filters.filter(), paging.pageOrFirst(),
                Math.min(paging.sizeOr(DEFAULT_PAGE), FilingCatalogue.MAX_PAGE));
    }

    @GetMapping(path = "/filings/export", produces = {"text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "The catalogue's matches as CSV (format=csv, default) or Excel (format=xlsx), at most 10 000")
    ResponseEntity<byte[]> export(@Valid @ParameterObject FilingRequests.Filters filters,
                                  @RequestParam(defaultValue = "csv") ExportFormat format) {
        boolean xlsx = format == ExportFormat.xlsx;
        byte[] body = xlsx ? catalogue.xlsx(filters.filter()) : catalogue.csv(filters.filter());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("filings." + format.name(), StandardCharsets.UTF_8).build().toString())
                .contentType(xlsx ? MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    /** The export formats. */
    enum ExportFormat { csv, xlsx }

    @GetMapping("/filings/{id}")
    @Operation(summary = "A filing with its status, steps and attachments (404 when the caller may not see it)")
    FilingView get(@PathVariable String id) {
        return filings.get(id);
    }

    @PostMapping(path = "/filings/{id}/resubmission", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Complete and resubmit an application sent back (409 NOT_AT_STEP otherwise)")
    FilingView resubmit(@PathVariable String id, @Valid @RequestBody FilingRequests.Completion body) {
        return filings.resubmit(id, new FilingCompletion(body.productVersion(), body.description(),
                FilingRequests.files(body.attachments())));
    }

    @PostMapping(path = "/filings/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw an application sent back (撤回), with a reason")
    FilingView withdraw(@PathVariable String id, @Valid @RequestBody FilingRequests.WithdrawalRequest body) {
        return filings.withdraw(id, new Withdrawal(body.reason()));
    }

    @PostMapping(path = "/filings/{id}/modification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Correct a filed product's version or description (national centre only, 403 otherwise)",
            description = "version: the filing's version as last read (FilingView.version); 409 STALE_VERSION when "
                    + "it changed since")
    FilingView modify(@PathVariable String id, @Valid @RequestBody FilingRequests.Modification body) {
        return filings.modify(id, body.version(), body.productVersion(), body.description());
    }

    @PostMapping(path = "/filings/{id}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke a filing with a reason (national centre only): off the catalogue at once")
    FilingView revoke(@PathVariable String id, @Valid @RequestBody FilingRequests.Revocation body) {
        return filings.revoke(id, body.reason());
    }

    @GetMapping(path = "/filings/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The filing certificate (备案证明) PDF of a filing in force (409 NOT_FILED otherwise)")
    ResponseEntity<byte[]> certificate(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(documents.certificate(id));
    }

    @GetMapping(path = "/filings/{id}/opinion", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The review opinion (审核意见书) PDF of the latest review (409 NOT_REVIEWED before it)")
    ResponseEntity<byte[]> opinion(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(documents.opinion(id));
    }

    @GetMapping("/filing-attachments/{id}")
    @Operation(summary = "An attachment's bytes (each download audited with the file's SM3 hash)")
    ResponseEntity<byte[]> attachment(@PathVariable String id) {
        AttachmentFile file = filings.download(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SM3", file.sm3())
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }

    @GetMapping("/filed-products")
    @Operation(summary = "Whether a product (type, manufacturer and model) is filed and valid today; its filing when "
            + "it is. Without manufacturer: whether any manufacturer's model of that name is")
    CatalogueAnswer check(@Valid @ParameterObject FilingRequests.Check query) {
        Optional<FiledProduct> product = filed.find(query.productType(), query.manufacturer(), query.model());
        return new CatalogueAnswer(product.isPresent(), product.orElse(null));
    }

    /** The catalogue's answer. */
    record CatalogueAnswer(boolean filed, FiledProduct product) {
    }
}
