package cn.healthcard.filing;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The filed-products catalogue as other modules ask it (FIL-01: only filed products may be chosen): terminal
 * registration ({@code ehc}) now, card production orders (#13) and SAM cards (#14) next. A product is filed when a
 * filing of its type and model is {@link FilingStatus#FILED} and today (China) lies within its validity period —
 * expired and revoked filings are not. No role is needed: the answer is public within the system.
 */
@Service
public class FiledProducts {

    public static final String NOT_FILED = "PRODUCT_NOT_FILED";

    private final ProductFilingRepository filings;
    private final ManufacturerRepository manufacturers;
    private final Clock clock;

    FiledProducts(ProductFilingRepository filings, ManufacturerRepository manufacturers, Clock clock) {
        this.filings = filings;
        this.manufacturers = manufacturers;
        this.clock = clock;
    }

    /** Whether the product of this type and model is filed and valid today. */
    @Transactional(readOnly = true)
    public boolean isFiled(ProductType type, String model) {
        return find(type, model).isPresent();
    }

    /** The valid filing of the product, if any. */
    @Transactional(readOnly = true)
    public Optional<FiledProduct> find(ProductType type, String model) {
        if (type == null || model == null || model.isBlank()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        return filings.findByProductTypeAndModelIgnoreCase(type, model.strip()).stream()
                .filter(f -> f.status() == FilingStatus.FILED && f.validUntil() != null
                        && !today.isBefore(f.validFrom()) && !today.isAfter(f.validUntil()))
                .findFirst()
                .map(this::product);
    }

    /**
     * The valid filing of the product, for a choice a request makes in {@code field}: 400 on the field when no model
     * is named, 409 {@value #NOT_FILED} naming the field when it is not filed, expired or revoked.
     */
    @Transactional(readOnly = true)
    public FiledProduct requireFiled(ProductType type, String model, String field) {
        if (model == null || model.isBlank()) {
            throw new DomainValidationException(field, "请填写已备案的" + type.nameZh() + "型号");
        }
        return find(type, model).orElseThrow(() -> new ConflictException(NOT_FILED, field,
                "「" + field + "」" + type.nameZh() + "型号 " + model.strip() + " 未备案或备案已失效、已撤销"));
    }

    private FiledProduct product(ProductFiling f) {
        Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
        return new FiledProduct(f.filingNo(), f.productType(), f.model(), f.productVersion(), m.name(),
                m.creditCode(), f.validUntil());
    }
}
