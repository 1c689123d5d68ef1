package cn.healthcard.audit.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the audit chain (one row): the last entry's id and hash. Locked by every append. */
@Entity
@Table(name = "audit_chain_head")
class AuditChainHead {

    static final int ID = 1;

    @Id
    private Integer id;
    private long lastId;
    private String lastHash;

    protected AuditChainHead() {
    }

    long lastId() {
        return lastId;
    }

    /** The last entry's hash; null while the entries from before the chain existed are not yet chained. */
    String lastHash() {
        return lastHash;
    }

    void advance(long id, String hash) {
        this.lastId = id;
        this.lastHash = hash;
    }
}
