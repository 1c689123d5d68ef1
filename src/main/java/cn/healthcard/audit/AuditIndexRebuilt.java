package cn.healthcard.audit;

import cn.healthcard.common.AuditableEvent;

/**
 * An administrator (or the {@code bin/audit rebuild-index} command, as {@code system}) rebuilt the audit log's search
 * index from the database (BPM-03). A failed rebuild is recorded too, as {@code AuditIndexRebuildFailed}.
 *
 * @param index          the Elasticsearch index
 * @param entries        the entries written to it; 0 when it failed
 * @param durationMillis how long the rebuild took
 * @param failure        why it failed, null when it worked
 */
public record AuditIndexRebuilt(String index, long entries, long durationMillis, String failure)
        implements AuditableEvent {

    @Override
    public String eventType() {
        return failure == null ? "AuditIndexRebuilt" : "AuditIndexRebuildFailed";
    }

    @Override
    public String subjectType() {
        return "AuditLog";
    }

    @Override
    public String subjectId() {
        return index;
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        return (failure == null ? "index=" + index + " entries=" + entries : "index=" + index + " failed: " + failure)
                + " durationMs=" + durationMillis;
    }
}
