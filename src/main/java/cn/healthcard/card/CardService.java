package cn.healthcard.card;

import cn.healthcard.card.internal.Card;
import cn.healthcard.card.internal.CardRepository;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Physical cards and their status. Every status change goes through here and is audited. */
@Service
public class CardService {

    private final CardRepository cards;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CardService(CardRepository cards, ApplicationEventPublisher events, Clock clock) {
        this.cards = cards;
        this.events = events;
        this.clock = clock;
    }

    /** Whether the resident holds a card that is not cancelled (APP-02). */
    @Transactional(readOnly = true)
    public boolean holdsLiveCard(String residentId) {
        return cards.existsByResidentIdAndStatusNot(residentId, CardStatus.CANCELLED);
    }

    /** Records a card the card maker produced for an application; it waits for pick-up. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public CardView registerProduced(String cardNo, String residentId, String applicationId, String regionCode,
                                     String institutionCode, String chipSerial) {
        Card card = cards.save(new Card(cardNo, residentId, applicationId, regionCode, institutionCode, chipSerial,
                clock.instant()));
        events.publishEvent(new CardStatusChanged(cardNo, null, CardStatus.READY, regionCode));
        return card.toView();
    }

    /** The resident signed for the card: it becomes active. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public CardView activate(String cardNo) {
        Card card = cards.findById(cardNo).orElseThrow(() -> new NotFoundException("卡片不存在: " + cardNo));
        CardStatus from = card.activate(clock.instant());
        events.publishEvent(new CardStatusChanged(cardNo, from, CardStatus.ACTIVE, card.regionCode()));
        return card.toView();
    }

    /** A card within the caller's region. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<CardView> find(String cardNo) {
        return cards.findById(cardNo).map(Card::toView)
                .filter(c -> SecurityContextUsers.current().map(u -> u.canSee(c.regionCode())).orElse(false));
    }
}
