package cn.healthcard.issuance.internal;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusChanged;
import cn.healthcard.card.CardView;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One person, one card (APP-02): once a resident's last live card is cancelled, their claim is released so that they
 * may apply again — in the transaction of the cancellation.
 */
@Component
class OneCardClaimFollowsCards {

    private final CardService cards;
    private final OneCardClaimRepository claims;

    OneCardClaimFollowsCards(CardService cards, OneCardClaimRepository claims) {
        this.cards = cards;
        this.claims = claims;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CardStatusChanged change) {
        if (change.to() != CardStatus.CANCELLED) {
            return;
        }
        SecurityContextUsers.runAsSystem(() -> cards.find(change.cardNo()).map(CardView::residentId)
                .filter(residentId -> !cards.holdsLiveCard(residentId))
                .ifPresent(claims::deleteById));
    }
}
