package cn.healthcard.card;

import cn.healthcard.card.internal.BlacklistEntry;
import cn.healthcard.card.internal.BlacklistRepository;
import cn.healthcard.common.AuditableEvent;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * The blacklist (BL-01): residents not eligible to hold a card are kept off it (APP-06). Entries are keyed by the
 * document's keyed index, so no document number is stored in plaintext here either.
 */
@Service
public class BlacklistService {

    private final BlacklistRepository entries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BlacklistService(BlacklistRepository entries, ApplicationEventPublisher events, Clock clock) {
        this.entries = entries;
        this.events = events;
        this.clock = clock;
    }

    /** The reason the document is blacklisted, if it is. */
    @Transactional(readOnly = true)
    public Optional<String> reasonListed(String documentIndex) {
        return entries.findByDocumentIndexAndRemovedAtIsNull(documentIndex).stream().findFirst()
                .map(BlacklistEntry::reason);
    }

    /** Lists a resident as not eligible to hold a card. */
    @Transactional
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN','SYSTEM')")
    public long add(String documentIndex, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainValidationException("reason", "请填写「列入黑名单原因」");
        }
        var entry = entries.save(new BlacklistEntry(documentIndex, null, reason.trim(), SecurityContextUsers.actor(),
                clock.instant()));
        events.publishEvent(new BlacklistEntryAdded(entry.id(), reason.trim()));
        return entry.id();
    }

    /** Audit record of a new blacklist entry. */
    public record BlacklistEntryAdded(long entryId, String reason) implements AuditableEvent {
        @Override
        public String subjectType() {
            return "BlacklistEntry";
        }

        @Override
        public String subjectId() {
            return Long.toString(entryId);
        }

        @Override
        public String regionCode() {
            return null;
        }

        @Override
        public String detail() {
            return reason;
        }
    }
}
