package cn.healthcard.production.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.filing.FiledProducts;
import cn.healthcard.filing.ProductType;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The card makers a plan may choose (APP-08): active CARD_MAKER institutions of the register whose unified social
 * credit code has a CARD product filing in force in the filing catalogue ({@link FiledProducts}); a maker without a
 * credit code, cancelled, or whose filings expired or were revoked is not eligible (decision 027). The default maker
 * of a region is the eligible maker nearest at or above it.
 */
@Component
public class MakerDirectory {

    private final InstitutionService institutions;
    private final FiledProducts filed;

    MakerDirectory(InstitutionService institutions, FiledProducts filed) {
        this.institutions = institutions;
        this.filed = filed;
    }

    /** Every eligible maker, by code. */
    public List<Institution> eligible() {
        return institutions.activeCardMakers().stream()
                .filter(m -> m.creditCode() != null && filed.hasFilingInForce(ProductType.CARD, m.creditCode()))
                .map(InstitutionDetails::toInstitution)
                .sorted(Comparator.comparing(Institution::code)).toList();
    }

    /** Whether {@code makerCode} is an eligible maker for cards of {@code region}. */
    public boolean eligibleFor(String makerCode, String region) {
        return eligibleFor(region).stream().anyMatch(m -> m.code().equals(makerCode));
    }

    /** The eligible makers that may make cards of {@code region}: those at or above it. */
    public List<Institution> eligibleFor(String region) {
        RegionCode cards = RegionCode.of(region);
        return eligible().stream().filter(m -> m.region().covers(cards)).toList();
    }

    /** The nearest eligible maker at or above {@code region}. */
    public Optional<Institution> defaultFor(String region) {
        return eligibleFor(region).stream()
                .max(Comparator.comparingInt((Institution m) -> m.region().scopePrefix().length())
                        .thenComparing(Institution::code, Comparator.reverseOrder()));
    }

    /** The institution {@code code}, if it is a card maker (any state). */
    public Optional<Institution> maker(String code) {
        try {
            Institution i = institutions.get(code);
            return i.kind() == InstitutionKind.CARD_MAKER ? Optional.of(i) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
