package cn.healthcard.card;

import cn.healthcard.card.internal.BlacklistChangeLockRepository;
import cn.healthcard.card.internal.BlacklistChangeRecord;
import cn.healthcard.card.internal.BlacklistChangeRepository;
import cn.healthcard.card.internal.BlacklistEntry;
import cn.healthcard.card.internal.BlacklistRepository;
import cn.healthcard.card.internal.Card;
import cn.healthcard.card.internal.CardRepository;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import jakarta.persistence.criteria.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blacklist (BL-01, BL-02): residents not eligible to hold a card (APP-06) and cards reported lost or cancelled.
 * Entries are keyed by the document's keyed index and/or the card number, so no document number is stored in
 * plaintext here either. Every add and removal is audited and appended to the change log that other levels and
 * terminals synchronise from (BL-03, INT-04); removal keeps the row.
 */
@Service
public class BlacklistService {

    /** Largest page of the change log one request may ask for. */
    public static final int MAX_EXPORT_LIMIT = 5000;
    static final int REASON_MAX = 200;

    private final BlacklistRepository entries;
    private final BlacklistChangeRepository changes;
    private final BlacklistChangeLockRepository changeLock;
    private final CardRepository cards;
    private final ResidentService residents;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BlacklistService(BlacklistRepository entries, BlacklistChangeRepository changes,
                     BlacklistChangeLockRepository changeLock, CardRepository cards, ResidentService residents,
                     ApplicationEventPublisher events, Clock clock) {
        this.entries = entries;
        this.changes = changes;
        this.changeLock = changeLock;
        this.cards = cards;
        this.residents = residents;
        this.events = events;
        this.clock = clock;
    }

    /** The reason the resident with this document is blacklisted (not eligible to hold a card), if they are. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<String> reasonListed(String documentIndex) {
        return entries.findByKindAndDocumentIndexAndRemovedAtIsNullOrderByIdAsc(BlacklistKind.RESIDENT, documentIndex)
                .stream().findFirst().map(BlacklistEntry::reason);
    }

    /**
     * The reason a card may not be used, if any (APP-06): the card itself is blacklisted (lost, cancelled), or its
     * holder is.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<String> reasonCardListed(String cardNo) {
        if (cardNo == null || cardNo.isBlank()) {
            return Optional.empty();
        }
        Optional<String> card = entries.findByKindAndCardNoAndRemovedAtIsNullOrderByIdAsc(BlacklistKind.CARD,
                cardNo.trim()).stream().findFirst().map(BlacklistEntry::reason);
        if (card.isPresent()) {
            return card;
        }
        return cards.findById(cardNo.trim())
                .map(c -> residents.documentIndexOf(c.toView().residentId()))
                .flatMap(this::reasonListed);
    }

    /** Lists a resident as not eligible to hold a card (BL-01). */
    @Transactional
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN','SYSTEM')")
    public long addResident(String documentIndex, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        if (documentIndex == null || documentIndex.isBlank()) {
            violations.add(new FieldViolation("documentIndex", "请填写「证件」"));
        }
        checkReason("reason", reason, "列入黑名单原因", violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        changeLock.acquire();
        if (!entries.findByKindAndDocumentIndexAndRemovedAtIsNullOrderByIdAsc(BlacklistKind.RESIDENT, documentIndex)
                .isEmpty()) {
            throw new ConflictException("ALREADY_BLACKLISTED", "该证件已在黑名单中");
        }
        BlacklistEntry entry = entries.save(BlacklistEntry.resident(documentIndex, reason.trim(),
                SecurityContextUsers.actor(), clock.instant(), SecurityContextUsers.require().region().value()));
        added(entry);
        return entry.id();
    }

    /**
     * Lists a card reported lost or cancelled (BL-01, LC-01, LC-06); the process steps call this. Idempotent: if the
     * card already has an active entry, that entry's id is returned and nothing changes.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public long listCard(String cardNo, String documentIndex, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        if (cardNo == null || cardNo.isBlank()) {
            violations.add(new FieldViolation("cardNo", "请填写「卡号」"));
        }
        checkReason("reason", reason, "列入黑名单原因", violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        changeLock.acquire();
        String no = cardNo.trim();
        Optional<BlacklistEntry> existing = entries.findByKindAndCardNoAndRemovedAtIsNullOrderByIdAsc(
                BlacklistKind.CARD, no).stream().findFirst();
        if (existing.isPresent()) {
            return existing.get().id();
        }
        String region = cards.findById(no).map(Card::regionCode)
                .orElseGet(() -> SecurityContextUsers.require().region().value());
        BlacklistEntry entry = entries.save(BlacklistEntry.card(no, blankToNull(documentIndex), reason.trim(),
                SecurityContextUsers.actor(), clock.instant(), region));
        added(entry);
        return entry.id();
    }

    /** Takes a found (unlost) card off the blacklist (LC-02). Nothing happens if the card has no active entry. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void unlistCard(String cardNo, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        checkReason("reason", reason, "移出黑名单原因", violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        if (cardNo == null || cardNo.isBlank()) {
            return;
        }
        changeLock.acquire();
        for (BlacklistEntry entry : entries.findByKindAndCardNoAndRemovedAtIsNullOrderByIdAsc(BlacklistKind.CARD,
                cardNo.trim())) {
            removed(entry, reason.trim());
        }
    }

    /**
     * Removes a resident's entry by hand, with a reason (BL-02); the row stays, with who, when and why. Card entries
     * follow the card's status (lost → listed, unlost → removed by the process; a cancelled card never comes back,
     * LC-06) and cannot be removed by hand.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    public void remove(long entryId, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        checkReason("reason", reason, "移出原因", violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        changeLock.acquire();
        // an entry of another region is "not there" for this user: no hint that it exists (ORG-05)
        BlacklistEntry entry = entries.findById(entryId)
                .filter(e -> SecurityContextUsers.require().canSee(e.regionCode()))
                .orElseThrow(() -> new NotFoundException("黑名单记录不存在: " + entryId));
        if (!entry.active()) {
            throw new ConflictException("BLACKLIST_ENTRY_REMOVED", "该黑名单记录已移出");
        }
        if (entry.kind() == BlacklistKind.CARD) {
            throw new ConflictException("CARD_ENTRY_FOLLOWS_CARD",
                    "卡片黑名单记录随卡片状态维护（解挂时自动移出），不能手工移出");
        }
        removed(entry, reason.trim());
    }

    /** Entries matching the filter, newest first (BL-02). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN')")
    public Page<BlacklistEntryView> query(BlacklistQuery q, int page, int size) {
        BlacklistQuery filter = q == null ? BlacklistQuery.all() : q;
        List<FieldViolation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new FieldViolation("page", "「页码」不能小于0"));
        }
        if (size < 1 || size > 1000) {
            violations.add(new FieldViolation("size", "「每页条数」应在1–1000之间"));
        }
        boolean byDocument = filter.documentNumber() != null && !filter.documentNumber().isBlank();
        if (byDocument && (filter.documentType() == null || filter.documentType().isBlank())) {
            violations.add(new FieldViolation("documentType", "请选择「证件类型」"));
        }
        if (filter.addedFrom() != null && filter.addedTo() != null && filter.addedFrom().isAfter(filter.addedTo())) {
            violations.add(new FieldViolation("addedTo", "「截止日期」不能早于「起始日期」"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        String documentIndex = byDocument
                ? residents.documentIndex(filter.documentType(), filter.documentNumber()) : null;
        String scope = SecurityContextUsers.require().region().scopePrefix();
        Specification<BlacklistEntry> spec = (root, cq, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (!scope.isEmpty()) { // the user's region and below (ORG-05)
                where.add(cb.like(root.get("regionCode"), scope + "%"));
            }
            if (filter.cardNo() != null && !filter.cardNo().isBlank()) {
                where.add(cb.equal(root.get("cardNo"), filter.cardNo().trim()));
            }
            if (documentIndex != null) {
                where.add(cb.equal(root.get("documentIndex"), documentIndex));
            }
            if (filter.kind() != null) {
                where.add(cb.equal(root.get("kind"), filter.kind()));
            }
            if (filter.state() == BlacklistQuery.State.ACTIVE) {
                where.add(cb.isNull(root.get("removedAt")));
            } else if (filter.state() == BlacklistQuery.State.REMOVED) {
                where.add(cb.isNotNull(root.get("removedAt")));
            }
            if (filter.addedFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("addedAt"),
                        filter.addedFrom().atStartOfDay(ChinaTime.ZONE).toInstant()));
            }
            if (filter.addedTo() != null) {
                where.add(cb.lessThan(root.get("addedAt"),
                        filter.addedTo().plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return entries.findAll(spec, PageRequest.of(page, size, Sort.by(Sort.Order.desc("addedAt"),
                Sort.Order.desc("id")))).map(BlacklistEntry::toView);
    }

    /**
     * The change log after {@code since}, oldest first, at most {@code limit} changes (BL-03, INT-04): since 0 is the
     * full export. Terminals and other levels apply the changes in order and ask again with {@code nextSince}.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR','ADMIN')")
    public BlacklistChanges changesSince(long since, int limit) {
        List<FieldViolation> violations = new ArrayList<>();
        if (since < 0) {
            violations.add(new FieldViolation("since", "「since」不能小于0"));
        }
        if (limit < 1 || limit > MAX_EXPORT_LIMIT) {
            violations.add(new FieldViolation("limit", "「limit」应在1–" + MAX_EXPORT_LIMIT + "之间"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        List<BlacklistChange> found = changes.findBySeqGreaterThanOrderBySeqAsc(since, Limit.of(limit + 1)).stream()
                .map(BlacklistChangeRecord::toChange).toList();
        boolean hasMore = found.size() > limit;
        List<BlacklistChange> items = hasMore ? found.subList(0, limit) : found;
        long next = items.isEmpty() ? since : items.get(items.size() - 1).seq();
        return new BlacklistChanges(List.copyOf(items), next, hasMore);
    }

    private void added(BlacklistEntry entry) {
        Instant now = clock.instant();
        changes.save(new BlacklistChangeRecord(entry, BlacklistChange.Action.ADDED, entry.reason(),
                SecurityContextUsers.actor(), now));
        events.publishEvent(new BlacklistEntryAdded(entry.id(), entry.kind(), entry.cardNo(), entry.reason(),
                regionOf(entry)));
    }

    private void removed(BlacklistEntry entry, String reason) {
        Instant now = clock.instant();
        String actor = SecurityContextUsers.actor();
        entry.remove(actor, now, reason);
        entries.save(entry);
        changes.save(new BlacklistChangeRecord(entry, BlacklistChange.Action.REMOVED, reason, actor, now));
        events.publishEvent(new BlacklistEntryRemoved(entry.id(), entry.kind(), entry.cardNo(), reason,
                regionOf(entry)));
    }

    private static String regionOf(BlacklistEntry entry) {
        return entry.regionCode();
    }

    private static void checkReason(String field, String reason, String label, List<FieldViolation> violations) {
        if (reason == null || reason.isBlank()) {
            violations.add(new FieldViolation(field, "请填写「" + label + "」"));
        } else if (reason.trim().length() > REASON_MAX) {
            violations.add(new FieldViolation(field, "「" + label + "」不能超过" + REASON_MAX + "个字"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
