package cn.healthcard.card;

import cn.healthcard.card.internal.Card;
import cn.healthcard.card.internal.CardEvent;
import cn.healthcard.card.internal.CardEventRepository;
import cn.healthcard.card.internal.CardRepository;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Physical cards and their status. Every status change goes through {@link #transition}: the state machine decides,
 * the change is recorded as a card event (who, when, where, why, form data) and audited, in one transaction; two
 * changes of one card at the same moment cannot both succeed.
 */
@Service
public class CardService {

    /** Issued and not terminated: the holder holds the card. */
    private static final java.util.Set<CardStatus> HELD = java.util.EnumSet.of(CardStatus.ACTIVE,
            CardStatus.PIN_LOCKED, CardStatus.REPORTED_LOST);

    private final CardRepository cards;
    private final CardEventRepository history;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CardService(CardRepository cards, CardEventRepository history, ApplicationEventPublisher events, Clock clock) {
        this.cards = cards;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    /** Whether the resident holds a card that is not replaced or cancelled (APP-02). */
    @Transactional(readOnly = true)
    public boolean holdsLiveCard(String residentId) {
        return cards.findByResidentId(residentId).stream().anyMatch(c -> !c.status().terminal());
    }

    /** Records a card the card maker produced for an application or a replacement; it waits for pick-up. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public CardView registerProduced(String cardNo, String residentId, String applicationId, String regionCode,
                                     String institutionCode, String chipSerial) {
        Instant now = clock.instant();
        Card card = cards.save(new Card(cardNo, residentId, applicationId, regionCode, institutionCode, chipSerial, now));
        history.save(new CardEvent(cardNo, 1, null, null, CardStatus.READY, "制卡完成", applicationId, null, null,
                SecurityContextUsers.actor(), institutionCode, now, null));
        events.publishEvent(new CardStatusChanged(cardNo, null, CardStatus.READY, regionCode, residentId,
                applicationId));
        return card.toView();
    }

    /** Records the new card made for a replacement (LC-04); it waits for pick-up, the old card stays as it is. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public CardView registerReplacement(String cardNo, String oldCardNo, String requestId, String chipSerial) {
        Card old = cards.findById(oldCardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + oldCardNo));
        Instant now = clock.instant();
        Card card = cards.save(Card.replacing(old, cardNo, chipSerial, now));
        history.save(new CardEvent(cardNo, 1, null, null, CardStatus.READY, "补换制卡完成，替换原卡 " + oldCardNo,
                requestId, null, null, SecurityContextUsers.actor(), old.institutionCode(), now, null));
        events.publishEvent(new CardStatusChanged(cardNo, null, CardStatus.READY, old.regionCode(),
                old.residentId(), requestId));
        return card.toView();
    }

    /**
     * The one way a card's status changes. Refuses illegal moves with a specific message (e.g. unloss of a card that
     * is not reported lost; anything at all on a terminated card).
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public CardView transition(String cardNo, CardAction action, CardChange change) {
        return apply(cardNo, action, change);
    }

    /**
     * A terminal reports that the card's PIN was entered wrongly too often (the chip locked itself); the card shows as
     * PIN-locked until an unlock request is approved (LC-03).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','ADMIN')")
    public CardView reportPinLock(String cardNo, String terminalId) {
        find(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        return apply(cardNo, CardAction.PIN_LOCK, CardChange.because("终端 " + terminalId + " 报告密码锁定"));
    }

    private CardView apply(String cardNo, CardAction action, CardChange change) {
        Card card = cards.findById(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        Instant now = clock.instant();
        CardStatus from = card.apply(action, now);
        int seq = history.lastSeq(cardNo) + 1;
        String institution = change.institutionCode() != null ? change.institutionCode()
                : SecurityContextUsers.current().map(CurrentUser::institutionCode).orElse(card.institutionCode());
        try {
            cards.saveAndFlush(card);
            history.save(new CardEvent(cardNo, seq, action, from, card.status(), change.reason(), change.requestId(),
                    change.requestedBy(), change.approvedBy(), SecurityContextUsers.actor(), institution, now,
                    change.formData()));
        } catch (ObjectOptimisticLockingFailureException | DataIntegrityViolationException e) {
            throw new ConflictException("CONCURRENT_CHANGE", "卡片 " + cardNo + " 刚被他人办理，请刷新后核对");
        }
        events.publishEvent(new CardStatusChanged(cardNo, from, card.status(), card.regionCode(),
                card.residentId(), change.requestId()));
        return card.toView();
    }

    /** Checks, without changing anything, that the action is possible now (used before a request is accepted). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CardView requireAllowed(String cardNo, CardAction action) {
        CardView card = find(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        CardTransitions.target(cardNo, card.status(), action);
        return card;
    }

    /** A card within the caller's region (the system sees every card). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<CardView> find(String cardNo) {
        return cards.findById(cardNo).map(Card::toView)
                .filter(c -> SecurityContextUsers.current().map(u -> u.canSee(c.regionCode())).orElse(false));
    }

    /** The cards of a resident, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CardView> ofResident(String residentId) {
        return cards.findByResidentId(residentId).stream().map(Card::toView)
                .filter(c -> SecurityContextUsers.current().map(u -> u.canSee(c.regionCode())).orElse(false))
                .toList();
    }

    /** The card made to replace {@code cardNo} (LC-04), within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<CardView> replacementOf(String cardNo) {
        return cards.findFirstByReplacesCardNo(cardNo).map(Card::toView)
                .filter(c -> SecurityContextUsers.current().map(u -> u.canSee(c.regionCode())).orElse(false));
    }

    /**
     * Cards that have been issued and are not terminated (ACTIVE, PIN_LOCKED, REPORTED_LOST): their holders hold a
     * card. A page of at most {@code limit} after the card number {@code afterCardNo} (null: from the start), in
     * card-number order, so a long walk over all cards can stop and continue where it was (keyset paging).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public List<CardView> heldCardsAfter(String afterCardNo, int limit) {
        return cards.findByStatusInAndCardNoGreaterThanOrderByCardNoAsc(HELD, afterCardNo == null ? "" : afterCardNo,
                org.springframework.data.domain.PageRequest.of(0, limit)).stream().map(Card::toView).toList();
    }

    /** The card's whole life in order (APP-13). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('CLERK','SUPERVISOR','AUDITOR','ADMIN')")
    public List<CardHistoryEntry> history(String cardNo) {
        find(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        return history.findByCardNoOrderBySeqAsc(cardNo).stream().map(CardEvent::toEntry).toList();
    }
}
