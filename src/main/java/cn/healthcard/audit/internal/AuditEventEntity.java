package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditLog;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One audit log row. Immutable for Hibernate: it only inserts it. The id is drawn from a sequence when the row is
 * written (in the business transaction), so a row is always new when saved; its place in the chain ({@code chainSeq})
 * and its links are set once, after the commit, by the linker of {@link AuditChain} (plain SQL, decision 008). A row
 * without them is pending.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity implements Persistable<Long> {

    @Id
    private Long id;
    private Instant occurredAt;
    private String eventType;
    private String actor;
    private String institutionCode;
    private String regionCode;
    private String subjectType;
    private String subjectId;
    private String channel;
    private String detail;
    private String cardNo;
    private String residentId;
    private String caseRef;
    private Long chainSeq;
    private String prevHash;
    private String hash;

    protected AuditEventEntity() {
    }

    AuditEventEntity(Instant occurredAt, String eventType, String actor, String institutionCode, String regionCode,
                     String subjectType, String subjectId, String channel, String detail) {
        // milliseconds: every supported database stores them exactly, so the hash of a row read back is the same
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        this.eventType = eventType;
        this.actor = actor;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.channel = channel;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    /** Sets what the entry is searchable by: its card, resident (internal id) and case; null where unknown. */
    AuditEventEntity withKeys(String cardNo, String residentId, String caseRef) {
        this.cardNo = cardNo;
        this.residentId = residentId;
        this.caseRef = caseRef;
        return this;
    }

    /** Numbers and chains this new row at position {@code id} of the chain (entries from before decision 008's V19). */
    void chain(long id, String prevHash, Function<AuditEventEntity, String> hashOf) {
        this.id = id;
        link(id, prevHash, hashOf);
    }

    /** Gives this new row its id; it is pending (not linked) until {@link #link}. */
    void number(long id) {
        this.id = id;
    }

    /** Links this row at position {@code seq}: {@code hash = SM3(prevHash || canonicalText())}, computed by the caller. */
    void link(long seq, String prevHash, Function<AuditEventEntity, String> hashOf) {
        this.chainSeq = seq;
        this.prevHash = prevHash;
        this.hash = hashOf.apply(this);
    }

    /**
     * The entry's fields as one unambiguous text: each as {@code <length>:<value>} (null as {@code -}), separated by
     * {@code |}, in the order id, time (ISO-8601 UTC), type, actor, institution, region, subject type, subject id,
     * channel, detail; then, when any of them is set, card number, resident id and case (entries written before
     * these keys existed keep their hashes).
     */
    public String canonicalText() {
        Object[] fields = cardNo == null && residentId == null && caseRef == null
                ? new Object[]{id, occurredAt, eventType, actor, institutionCode, regionCode, subjectType, subjectId,
                channel, detail}
                : new Object[]{id, occurredAt, eventType, actor, institutionCode, regionCode, subjectType, subjectId,
                channel, detail, cardNo, residentId, caseRef};
        return Arrays.stream(fields)
                .map(v -> v == null ? "-" : v.toString().length() + ":" + v)
                .collect(Collectors.joining("|"));
    }

    /**
     * The entry's fields by name, without its number and links (it has none: it was never appended), for the dead
     * letters of the batch writer (decision 019). Whole values, whatever their length.
     */
    String deadLetterText() {
        return "occurredAt=" + occurredAt + "\neventType=" + eventType + "\nactor=" + actor + "\ninstitutionCode="
                + institutionCode + "\nregionCode=" + regionCode + "\nsubjectType=" + subjectType + "\nsubjectId="
                + subjectId + "\nchannel=" + channel + "\ncardNo=" + cardNo + "\nresidentId=" + residentId
                + "\ncaseRef=" + caseRef + "\ndetail=" + detail;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    @Transient
    public boolean isNew() {
        return true;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String eventType() {
        return eventType;
    }

    public String actor() {
        return actor;
    }

    public String institutionCode() {
        return institutionCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public String channel() {
        return channel;
    }

    public String detail() {
        return detail;
    }

    public String cardNo() {
        return cardNo;
    }

    public String residentId() {
        return residentId;
    }

    public String caseRef() {
        return caseRef;
    }

    /** The position in the chain, null while pending. */
    public Long chainSeq() {
        return chainSeq;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    public AuditLog.Entry toEntry() {
        return new AuditLog.Entry(id, occurredAt, eventType, actor, institutionCode, regionCode, subjectType, subjectId,
                channel, detail, cardNo, caseRef);
    }
}
