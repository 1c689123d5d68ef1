package cn.healthcard.institution;

import cn.healthcard.common.RegionCode;

import java.time.Instant;

/**
 * One institution of the register with all its fields (ORG-01…04). {@code nature}, {@code category},
 * {@code creditCode} and {@code medicalCode} belong to {@link InstitutionKind#MEDICAL} and are null for the other
 * kinds, except {@code creditCode}, which a {@link InstitutionKind#CARD_MAKER} may carry too (optional): it names the
 * maker in the filing catalogue, whose CARD filings make it eligible for production plans (decision 027).
 *
 * @param superiorCode the registration centre above it; null only for the national centre (000000)
 * @param head         负责人
 * @param version      optimistic lock: modify and cancel name the version they saw
 */
public record InstitutionDetails(String code, String name, InstitutionKind kind, RegionCode region,
                                 String superiorCode, String contact, String phone, String address, String head,
                                 MedicalNature nature, MedicalCategory category, String creditCode,
                                 String medicalCode, InstitutionStatus status, Instant registeredAt,
                                 Instant cancelledAt, String cancelReason, long version) {

    /** The level of a registration centre, from its region code; null for other kinds. */
    public CentreLevel level() {
        return kind == InstitutionKind.REGISTRATION_CENTRE ? CentreLevel.of(region).orElse(null) : null;
    }

    public boolean active() {
        return status == InstitutionStatus.ACTIVE;
    }

    /** The compact reference other modules use. */
    public Institution toInstitution() {
        return new Institution(code, name, region, kind);
    }
}
