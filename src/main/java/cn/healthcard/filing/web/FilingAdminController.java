package cn.healthcard.filing.web;

import cn.healthcard.filing.FilingStatistics;
import cn.healthcard.filing.ManufacturerRegistration;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.ManufacturerView;
import cn.healthcard.filing.ProductsInUse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Manufacturers, products in use (FIL-03) and filing counts (STAT-01) over the API. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "filings", description = "生产单位及产品备案 / manufacturer and product filing")
@SecurityRequirement(name = "basic")
class FilingAdminController {

    private final ManufacturerService manufacturers;
    private final ProductsInUse inUse;
    private final FilingStatistics statistics;

    FilingAdminController(ManufacturerService manufacturers, ProductsInUse inUse, FilingStatistics statistics) {
        this.manufacturers = manufacturers;
        this.inUse = inUse;
        this.statistics = statistics;
    }

    @PostMapping(path = "/filing-manufacturers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a manufacturer (national centre only); 409 MANUFACTURER_EXISTS, CLIENT_BOUND")
    ManufacturerView register(@Valid @RequestBody FilingRequests.Manufacturer body) {
        return manufacturers.register(new ManufacturerRegistration(body.name(), body.creditCode(),
                body.providerTypes(), body.contactName(), body.contactPhone(), body.apiClientId()));
    }

    @GetMapping("/filing-manufacturers")
    @Operation(summary = "Manufacturers (a client: its own)")
    List<ManufacturerView> manufacturers() {
        return manufacturers.list();
    }

    @GetMapping("/filing-manufacturers/{id}")
    @Operation(summary = "A manufacturer (a client: only its own, 404 otherwise)")
    ManufacturerView manufacturer(@PathVariable String id) {
        return manufacturers.get(id);
    }

    @PostMapping(path = "/products-in-use", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register (or update) the use of a filed product by the caller's centre (FIL-03); 409 "
            + "PRODUCT_NOT_FILED on filingNo when it is not filed and valid")
    ProductsInUse.Use registerUse(@Valid @RequestBody FilingRequests.InUse body) {
        return inUse.register(body.filingNo(), body.since(), body.quantity(), body.notes());
    }

    @GetMapping("/products-in-use")
    @Operation(summary = "Products in use within the caller's region")
    List<ProductsInUse.Use> uses() {
        return inUse.list();
    }

    @GetMapping("/statistics/products-in-use")
    @Operation(summary = "Products in use, summed by product and by the regions directly below the caller's (FIL-03)")
    List<ProductsInUse.Count> useCounts() {
        return inUse.counts();
    }

    @GetMapping("/statistics/filings")
    @Operation(summary = "Filing counts by product type and status (STAT-01)")
    List<FilingStatistics.Count> filingCounts() {
        return statistics.byTypeAndStatus();
    }
}
