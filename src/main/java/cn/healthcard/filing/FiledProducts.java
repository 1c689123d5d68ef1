package cn.healthcard.filing;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The filed-products catalogue as other modules ask it (FIL-01: only filed products may be chosen): terminal
 * registration ({@code ehc}) now, card production orders (#13) and SAM cards (#14) next. A product is a type, a
 * manufacturer and a model — models are unique per manufacturer only, so two manufacturers may file the same model
 * name and neither can block the other. It is filed when a filing of it is {@link FilingStatus#FILED} and today
 * (China) lies within its validity period — expired and revoked filings are not. The manufacturer is named by its
 * unified social credit code or its id. No role is needed: the answer is public within the system.
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

    /** Whether the manufacturer's product of this type and model is filed and valid today. */
    @Transactional(readOnly = true)
    public boolean isFiled(ProductType type, String manufacturer, String model) {
        return find(type, manufacturer, model).isPresent();
    }

    /**
     * The valid filing of the manufacturer's product, if any; with no manufacturer named, a valid filing of the model
     * by any manufacturer (the catalogue's public question "is such a model filed at all").
     */
    @Transactional(readOnly = true)
    public Optional<FiledProduct> find(ProductType type, String manufacturer, String model) {
        if (type == null || model == null || model.isBlank()) {
            return Optional.empty();
        }
        List<ProductFiling> candidates;
        if (manufacturer == null || manufacturer.isBlank()) {
            candidates = filings.findByProductTypeAndModelIgnoreCase(type, model.strip());
        } else {
            Optional<Manufacturer> m = manufacturer(manufacturer.strip());
            if (m.isEmpty()) {
                return Optional.empty();
            }
            candidates = filings.findByProductTypeAndManufacturerIdAndModelIgnoreCase(type, m.get().id(),
                    model.strip());
        }
        return candidates.stream().filter(this::inForce).findFirst().map(this::product);
    }

    /**
     * The filing with this number, when it is of this type and in force today. A filed thing (a registered terminal)
     * keeps the filing number it was registered under, and that number names one manufacturer's product — unlike a
     * model name, which two manufacturers may share.
     */
    @Transactional(readOnly = true)
    public Optional<FiledProduct> findByFilingNo(ProductType type, String filingNo) {
        if (type == null || filingNo == null || filingNo.isBlank()) {
            return Optional.empty();
        }
        return filings.findByFilingNo(filingNo.strip()).filter(f -> f.productType() == type).filter(this::inForce)
                .map(this::product);
    }

    /**
     * Whether the manufacturer (unified social credit code) has any product of this type filed and valid today: for
     * card production, a card maker may take batches only while it has a CARD filing in force (decision 027).
     */
    @Transactional(readOnly = true)
    public boolean hasFilingInForce(ProductType type, String manufacturerCreditCode) {
        if (type == null || manufacturerCreditCode == null || manufacturerCreditCode.isBlank()) {
            return false;
        }
        return manufacturers.findByCreditCode(manufacturerCreditCode.strip().toUpperCase())
                .map(m -> filings.findByProductTypeAndManufacturerId(type, m.id()).stream().anyMatch(this::inForce))
                .orElse(false);
    }

    /**
     * The valid filing of the manufacturer's product, for a choice a request makes in {@code modelField} and
     * {@code manufacturerField}: 400 on a field left empty, 409 {@value #NOT_FILED} naming {@code modelField} when
     * that manufacturer's model is not filed, expired or revoked (or the manufacturer is unknown).
     */
    @Transactional(readOnly = true)
    public FiledProduct requireFiled(ProductType type, String manufacturer, String model, String manufacturerField,
                                     String modelField) {
        List<FieldViolation> v = new ArrayList<>();
        if (manufacturer == null || manufacturer.isBlank()) {
            v.add(new FieldViolation(manufacturerField, "请填写" + type.nameZh() + "的生产单位（统一社会信用代码）"));
        }
        if (model == null || model.isBlank()) {
            v.add(new FieldViolation(modelField, "请填写已备案的" + type.nameZh() + "型号"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        return find(type, manufacturer, model).orElseThrow(() -> new ConflictException(NOT_FILED, modelField,
                "「" + modelField + "」生产单位 " + manufacturer.strip() + " 的" + type.nameZh() + "型号 "
                        + model.strip() + " 未备案或备案已失效、已撤销"));
    }

    /** This very filing is FILED and today lies within its validity period. */
    boolean inForce(ProductFiling f) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        return f.status() == FilingStatus.FILED && f.validFrom() != null && f.validUntil() != null
                && !today.isBefore(f.validFrom()) && !today.isAfter(f.validUntil());
    }

    private Optional<Manufacturer> manufacturer(String creditCodeOrId) {
        return manufacturers.findByCreditCode(creditCodeOrId.toUpperCase())
                .or(() -> manufacturers.findById(creditCodeOrId));
    }

    private FiledProduct product(ProductFiling f) {
        Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
        return new FiledProduct(f.filingNo(), f.productType(), f.model(), f.productVersion(), m.name(),
                m.creditCode(), f.validUntil());
    }
}
