package cn.healthcard.card;

import cn.healthcard.card.internal.Card;
import cn.healthcard.card.internal.CardRepository;
import cn.healthcard.card.internal.TemporaryCard;
import cn.healthcard.card.internal.TemporaryCardRepository;
import cn.healthcard.common.AuditableEvent;
import cn.healthcard.common.DatabaseSequences;
import cn.healthcard.common.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Temporary cards (临时卡, LC-05): issued during a replacement when the resident asks, equivalent to the card while
 * valid, expired by the process's timer, and handed back when the new card is collected.
 */
@Service
public class TemporaryCardService {

    private final TemporaryCardRepository temporaryCards;
    private final CardRepository cards;
    private final DatabaseSequences sequences;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TemporaryCardService(TemporaryCardRepository temporaryCards, CardRepository cards, DatabaseSequences sequences,
                         ApplicationEventPublisher events, Clock clock) {
        this.temporaryCards = temporaryCards;
        this.cards = cards;
        this.sequences = sequences;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public TemporaryCardView issue(String originalCardNo, String requestId, Duration validity) {
        Card original = cards.findById(originalCardNo)
                .orElseThrow(() -> new NotFoundException("卡片不存在: " + originalCardNo));
        Instant now = clock.instant();
        String number = "LS" + original.regionCode() + String.format("%010d", sequences.next("card_no_seq"));
        var card = temporaryCards.save(new TemporaryCard(number, originalCardNo, requestId, original.residentId(),
                original.regionCode(), now, now.plus(validity)));
        events.publishEvent(new TemporaryCardChanged(number, original.regionCode(), "ISSUED",
                "原卡 " + originalCardNo + "，有效期至 " + card.toView().validUntil()));
        return card.toView();
    }

    /** The period is over (the process's timer): the card stops working. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void expire(String temporaryCardNo) {
        TemporaryCard card = load(temporaryCardNo);
        card.expire();
        events.publishEvent(new TemporaryCardChanged(temporaryCardNo, card.regionCode(), "EXPIRED", null));
    }

    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void markReturned(String temporaryCardNo) {
        TemporaryCard card = load(temporaryCardNo);
        card.returned(clock.instant());
        events.publishEvent(new TemporaryCardChanged(temporaryCardNo, card.regionCode(), "RETURNED", null));
    }

    @Transactional(readOnly = true)
    public Optional<TemporaryCardView> find(String temporaryCardNo) {
        return temporaryCards.findById(temporaryCardNo).map(TemporaryCard::toView);
    }

    /** Whether the temporary card works now (for card use). */
    @Transactional(readOnly = true)
    public boolean validNow(String temporaryCardNo) {
        return temporaryCards.findById(temporaryCardNo).map(c -> c.validAt(clock.instant())).orElse(false);
    }

    private TemporaryCard load(String number) {
        return temporaryCards.findById(number).orElseThrow(() -> new NotFoundException("临时卡不存在: " + number));
    }

    /** Audit record of a temporary card's change. */
    public record TemporaryCardChanged(String cardNo, String regionCode, String change, String note)
            implements AuditableEvent {
        @Override
        public String subjectType() {
            return "TemporaryCard";
        }

        @Override
        public String subjectId() {
            return cardNo;
        }

        @Override
        public String detail() {
            return note == null ? change : change + ": " + note;
        }
    }
}
