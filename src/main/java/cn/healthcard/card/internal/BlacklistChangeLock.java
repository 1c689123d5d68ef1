package cn.healthcard.card.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row every blacklist change locks until it commits. Changes are therefore numbered and committed one
 * after the other, and a reader of the change log never sees {@code seq} n+1 before n (an identity alone would let
 * a later number commit first, and an incremental export would skip the earlier one for good).
 */
@Entity
@Table(name = "blacklist_change_lock")
public class BlacklistChangeLock {

    @Id
    private Integer id;

    protected BlacklistChangeLock() {
    }
}
