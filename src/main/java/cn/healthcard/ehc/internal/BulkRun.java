package cn.healthcard.ehc.internal;

import cn.healthcard.ehc.BulkRunView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A run of the bulk job; the cursor (last card handled) is saved with every page, so a run can continue. */
@Entity
@Table(name = "ehc_bulk_run")
public class BulkRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private BulkRunView.State state;
    private String cursorCardNo;
    private long cardsSeen;
    private long created;
    private long skipped;
    private Instant startedAt;
    private String startedBy;
    private Instant updatedAt;
    private Instant finishedAt;
    private String lastError;
    @Version
    private long version;

    protected BulkRun() {
    }

    public BulkRun(Instant now, String startedBy) {
        this.state = BulkRunView.State.RUNNING;
        this.startedAt = now;
        this.startedBy = startedBy;
        this.updatedAt = now;
    }

    /** One page done: the cursor moves past its last card. */
    public void pageDone(String lastCardNo, long seen, long newlyCreated, long newlySkipped, Instant now) {
        cursorCardNo = lastCardNo;
        cardsSeen += seen;
        created += newlyCreated;
        skipped += newlySkipped;
        updatedAt = now;
    }

    public void complete(Instant now) {
        state = BulkRunView.State.COMPLETED;
        finishedAt = now;
        updatedAt = now;
        lastError = null;
    }

    public void fail(String error, Instant now) {
        state = BulkRunView.State.FAILED;
        lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        updatedAt = now;
    }

    /** A failed (or interrupted) run continues from its cursor. */
    public void resume(Instant now) {
        state = BulkRunView.State.RUNNING;
        lastError = null;
        updatedAt = now;
    }

    public Long id() { return id; }
    public BulkRunView.State state() { return state; }
    public String cursorCardNo() { return cursorCardNo; }

    public BulkRunView toView() {
        return new BulkRunView(id, state, cursorCardNo, cardsSeen, created, skipped, startedAt, startedBy, finishedAt,
                lastError);
    }
}
