package cn.healthcard.card.internal;

import cn.healthcard.card.BlacklistService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusChanged;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards that are reported lost, replaced or cancelled go on the blacklist; a lost card that is found leaves it
 * (BL-01, LC-01, LC-02) — in the transaction of the card change, so list and card never disagree.
 */
@Component
class BlacklistFollowsCards {

    private final BlacklistService blacklist;
    private final CardRepository cards;
    private final ResidentService residents;

    BlacklistFollowsCards(BlacklistService blacklist, CardRepository cards, ResidentService residents) {
        this.blacklist = blacklist;
        this.cards = cards;
        this.residents = residents;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CardStatusChanged change) {
        CardStatus to = change.to();
        if (to == CardStatus.REPORTED_LOST || to.terminal()) {
            String documentIndex = cards.findById(change.cardNo())
                    .map(c -> residents.documentIndexOf(c.residentId())).orElse(null);
            SecurityContextUsers.runAsSystem(() -> blacklist.listCard(change.cardNo(), documentIndex,
                    "卡片" + to.nameZh()));
        } else if (change.from() == CardStatus.REPORTED_LOST && to == CardStatus.ACTIVE) {
            SecurityContextUsers.runAsSystem(() -> blacklist.unlistCard(change.cardNo(), "解挂"));
        }
    }
}
