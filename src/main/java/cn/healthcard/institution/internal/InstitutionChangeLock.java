package cn.healthcard.institution.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row every change of the register locks until it commits, so changes are numbered and committed one
 * after another and an incremental export ({@code since=}) never skips one (as the blacklist's change log).
 */
@Entity
@Table(name = "institution_change_lock")
class InstitutionChangeLock {
    @Id
    private Integer id;

    protected InstitutionChangeLock() {
    }
}
