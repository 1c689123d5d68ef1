package cn.healthcard.production.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The card makers a plan may choose (APP-08): active CARD_MAKER institutions of the register that are named in
 * {@code healthcard.production.makers}. The register keeps a unified social credit code for medical institutions
 * only, so the filing of a maker's cards cannot be looked up from the register yet; the configured list is the issue's
 * "until that lands, a configured list" (decision 027). The default maker of a region is the eligible maker nearest at
 * or above it.
 */
@Component
public class MakerDirectory {

    private final InstitutionService institutions;
    private final Set<String> configured;

    MakerDirectory(InstitutionService institutions, @Value("${healthcard.production.makers:}") List<String> makers) {
        this.institutions = institutions;
        this.configured = makers == null ? Set.of()
                : Set.copyOf(makers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** Every eligible maker, by code. */
    public List<Institution> eligible() {
        return configured.stream().map(this::active).flatMap(Optional::stream)
                .filter(i -> i.kind() == InstitutionKind.CARD_MAKER)
                .sorted(Comparator.comparing(Institution::code)).toList();
    }

    private Optional<Institution> active(String code) {
        try {
            return Optional.of(institutions.requireActive(code));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
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
