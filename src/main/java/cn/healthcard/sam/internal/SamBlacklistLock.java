package cn.healthcard.sam.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The row every SAM blacklist change locks until it commits, so seq order is commit order. */
@Entity
@Table(name = "sam_blacklist_lock")
public class SamBlacklistLock {

    @Id
    private Integer id;

    protected SamBlacklistLock() {
    }
}
