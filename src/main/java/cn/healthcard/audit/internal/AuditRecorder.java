package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditChannel;
import cn.healthcard.common.AuditableEvent;
import cn.healthcard.common.BatchedAuditableEvent;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.SignInNames;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes every {@link AuditableEvent} into the audit log in the transaction that published it
 * ({@link AuditChain#append} is {@link Propagation#MANDATORY}: an event outside a transaction is a bug, and fails
 * loudly), so a change and its audit entry commit or roll back together. The entry is written pending, without locking
 * the chain head, and linked into the chain after the commit by the {@link AuditLinker} (decision 008). A {@link BatchedAuditableEvent} (a terminal's
 * verification) is recorded with the publisher's user and channel and appended by the {@link AuditBatchWriter} in a
 * batch instead (decision 016). An event with a case but without a region, card or resident takes them from the case's
 * earlier entries. Sign-ins are recorded in their own transaction. Every entry is queued for the search index by the
 * {@link AuditChain}.
 */
@Component
class AuditRecorder {

    private final AuditChain chain;
    private final AuditBatchWriter batches;
    private final AuditLinker linker;
    private final AuditEventRepository entries;
    private final Clock clock;
    private final SignInNames signInNames;

    AuditRecorder(AuditChain chain, AuditBatchWriter batches, AuditLinker linker, AuditEventRepository entries,
                  Clock clock, SignInNames signInNames) {
        this.linker = linker;
        this.signInNames = signInNames;
        this.chain = chain;
        this.batches = batches;
        this.entries = entries;
        this.clock = clock;
    }

    @EventListener
    public void on(AuditableEvent event) {
        var user = SecurityContextUsers.current();
        AuditEventEntity entry = new AuditEventEntity(Instant.now(clock), event.eventType(),
                SecurityContextUsers.actor(), user.map(CurrentUser::institutionCode).orElse(null),
                regionCode(event), event.subjectType(), event.subjectId(), AuditChannel.current().name(),
                event.detail()).withKeys(cardNo(event), residentId(event), event.caseRef());
        if (event instanceof BatchedAuditableEvent) {
            batches.enqueue(entry);
        } else {
            append(entry);
        }
    }

    /** Writes the entry pending in the caller's transaction, linked once it has committed. */
    private void append(AuditEventEntity entry) {
        chain.append(entry);
        linker.linkAfterCommit();
    }

    /** The event's region, else the one its case named before (a task step has no region of its own). */
    private String regionCode(AuditableEvent event) {
        if (event.regionCode() != null || event.caseRef() == null) {
            return event.regionCode();
        }
        return entries.findFirstByCaseRefAndRegionCodeIsNotNullOrderByIdDesc(event.caseRef())
                .map(AuditEventEntity::regionCode).orElse(null);
    }

    /** The event's card, else the one its case named before (the application's card once it is made). */
    private String cardNo(AuditableEvent event) {
        if (event.cardNo() != null || event.caseRef() == null) {
            return event.cardNo();
        }
        return entries.findFirstByCaseRefAndCardNoIsNotNullOrderByIdDesc(event.caseRef())
                .map(AuditEventEntity::cardNo).orElse(null);
    }

    /** The event's resident, else the one its case or its card named before. */
    private String residentId(AuditableEvent event) {
        if (event.residentId() != null) {
            return event.residentId();
        }
        if (event.caseRef() != null) {
            var fromCase = entries.findFirstByCaseRefAndResidentIdIsNotNullOrderByIdDesc(event.caseRef());
            if (fromCase.isPresent()) {
                return fromCase.get().residentId();
            }
        }
        return event.cardNo() == null ? null : entries.findFirstByCardNoAndResidentIdIsNotNullOrderByIdDesc(
                event.cardNo()).map(AuditEventEntity::residentId).orElse(null);
    }

    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onLogin(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof SecurityContextUsers.HasCurrentUser holder) {
            CurrentUser user = holder.currentUser();
            append(new AuditEventEntity(Instant.now(clock), "UserSignedIn", user.username(),
                    user.institutionCode(), user.region().value(), "User", user.username(),
                    AuditChannel.current().name(), null));
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void onLoginFailure(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        // a known username as it is, anything else as a short marker: never the typed text (decision 019)
        String name = signInNames.forAudit(auth == null ? null : auth.getName());
        append(new AuditEventEntity(Instant.now(clock), "SignInFailed", name, null, null, "User", name,
                AuditChannel.current().name(), event.getException().getClass().getSimpleName()));
    }
}
