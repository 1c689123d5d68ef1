package cn.healthcard.filing;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.FilingEvents.ProductInUseRegistered;
import cn.healthcard.filing.internal.Manufacturer;
import cn.healthcard.filing.internal.ManufacturerRepository;
import cn.healthcard.filing.internal.ProductFiling;
import cn.healthcard.filing.internal.ProductFilingRepository;
import cn.healthcard.filing.internal.ProductInUse;
import cn.healthcard.filing.internal.ProductInUseRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Products in use (FIL-03): each centre registers which filed products it actually uses (since when, how many,
 * notes); the counts roll up by region — a centre sees the sums of the regions directly below it (the national
 * centre per province, a province per city, a city per county) over everything within its own region.
 */
@Service
public class ProductsInUse {

    public static final int MAX_QUANTITY = 100_000_000;

    private final ProductInUseRepository uses;
    private final ProductFilingRepository filings;
    private final ManufacturerRepository manufacturers;
    private final FiledProducts filed;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductsInUse(ProductInUseRepository uses, ProductFilingRepository filings, ManufacturerRepository manufacturers,
                  FiledProducts filed, ApplicationEventPublisher events, Clock clock) {
        this.uses = uses;
        this.filings = filings;
        this.manufacturers = manufacturers;
        this.filed = filed;
        this.events = events;
        this.clock = clock;
    }

    /** One registration of the caller's institution. */
    public record Use(String filingNo, ProductType productType, String model, String manufacturerName,
                      String institutionCode, String regionCode, LocalDate since, int quantity, String notes) {
    }

    /** The sum for one product in one region directly below the caller's (or the caller's own, for a county). */
    public record Count(String filingNo, ProductType productType, String model, String manufacturerName,
                        String regionCode, int institutions, long quantity) {
    }

    /**
     * Registers (or updates) the caller's institution's use of a filed product, given by its filing number: the
     * filing itself must be FILED and within its validity period (409 {@value FiledProducts#NOT_FILED} on
     * {@code filingNo}); 400 by field.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public Use register(String filingNo, LocalDate since, Integer quantity, String notes) {
        CurrentUser user = SecurityContextUsers.require();
        if (user.institutionCode() == null) {
            throw new AccessDeniedException("只有注册管理中心的人员可以登记产品使用情况");
        }
        List<FieldViolation> v = new ArrayList<>();
        if (FilingRules.blank(filingNo)) {
            v.add(new FieldViolation("filingNo", "请填写「备案号」"));
        }
        if (since == null) {
            v.add(new FieldViolation("since", "请填写「启用日期」"));
        } else if (since.isAfter(LocalDate.now(clock.withZone(cn.healthcard.common.ChinaTime.ZONE)))) {
            v.add(new FieldViolation("since", "「启用日期」不能晚于今天"));
        }
        if (quantity == null || quantity < 0 || quantity > MAX_QUANTITY) {
            v.add(new FieldViolation("quantity", "「使用数量」应为0–" + MAX_QUANTITY + "的整数"));
        }
        if (notes != null && notes.strip().length() > 200) {
            v.add(new FieldViolation("notes", "「备注」最多200个字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        ProductFiling f = filings.findByFilingNo(filingNo.strip())
                .orElseThrow(() -> new NotFoundException("备案不存在: " + filingNo));
        if (!filed.inForce(f)) {
            // this filing itself: another (newer) filing of the same model being valid does not revive it
            throw new ConflictException(FiledProducts.NOT_FILED, "filingNo", "「备案号」" + f.filingNo()
                    + " 的备案已失效或已撤销");
        }
        String region = user.region().value();
        ProductInUse use = uses.findByFilingIdAndInstitutionCode(f.id(), user.institutionCode())
                .orElseGet(() -> new ProductInUse(f.id(), user.institutionCode(), region, since, quantity,
                        FilingRules.trimmed(notes), user.username(), clock.instant()));
        use.update(since, quantity, FilingRules.trimmed(notes));
        uses.save(use);
        events.publishEvent(new ProductInUseRegistered(f.id(), f.caseNo(), user.institutionCode(), region, quantity));
        return use(use, f);
    }

    /** The registrations within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public List<Use> list() {
        Map<String, ProductFiling> byId = new TreeMap<>();
        return inScope().stream().map(u -> use(u, byId.computeIfAbsent(u.filingId(),
                        id -> filings.findById(id).orElseThrow())))
                .sorted(Comparator.comparing(Use::regionCode).thenComparing(Use::institutionCode)
                        .thenComparing(Use::filingNo))
                .toList();
    }

    /** The counts by product and by the regions directly below the caller's (FIL-03 roll-up). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AUDITOR')")
    public List<Count> counts() {
        RegionCode mine = SecurityContextUsers.require().region();
        record Key(String filingId, String region) {
        }
        Map<Key, long[]> sums = new TreeMap<>(Comparator.comparing(Key::filingId).thenComparing(Key::region));
        for (ProductInUse u : inScope()) {
            long[] s = sums.computeIfAbsent(new Key(u.filingId(), below(mine, u.regionCode())), k -> new long[2]);
            s[0]++;
            s[1] += u.quantity();
        }
        List<Count> out = new ArrayList<>();
        sums.forEach((k, s) -> {
            ProductFiling f = filings.findById(k.filingId()).orElseThrow();
            Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
            out.add(new Count(f.filingNo(), f.productType(), f.model(), m.name(), k.region(), (int) s[0], s[1]));
        });
        out.sort(Comparator.comparing(Count::regionCode).thenComparing(Count::filingNo));
        return out;
    }

    /** The region directly below {@code scope} that contains {@code code} (the code itself below a city). */
    static String below(RegionCode scope, String code) {
        return switch (scope.level()) {
            case NATIONAL -> code.substring(0, 2) + "0000";
            case PROVINCE -> code.substring(0, 4) + "00";
            default -> code;
        };
    }

    private List<ProductInUse> inScope() {
        String prefix = SecurityContextUsers.require().region().scopePrefix();
        return uses.findByRegionCodeBetween(pad(prefix, '0'), pad(prefix, '9'));
    }

    private static String pad(String prefix, char c) {
        return prefix + String.valueOf(c).repeat(6 - prefix.length());
    }

    private Use use(ProductInUse u, ProductFiling f) {
        Manufacturer m = manufacturers.findById(f.manufacturerId()).orElseThrow();
        return new Use(f.filingNo(), f.productType(), f.model(), m.name(), u.institutionCode(), u.regionCode(),
                u.since(), u.quantity(), u.notes());
    }
}
