package cn.healthcard.audit.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the audit chain (one row): the last linked entry's chain position ({@code last_id}, a chain_seq since V19)
 * and hash, and the base of new entry ids. Locked by the linker only, for its short transaction (decision 008).
 */
@Entity
@Table(name = "audit_chain_head")
class AuditChainHead {

    static final int ID = 1;

    @Id
    private Integer id;
    private long lastId;
    private String lastHash;
    private Long idBase;

    protected AuditChainHead() {
    }

    /** New entry ids are this plus the next value of {@code audit_event_no_seq} (V19). */
    long idBase() {
        return idBase == null ? 0 : idBase;
    }

    /** The last linked entry's chain position ({@code chain_seq}). */
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
