package cn.healthcard.ehc;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusChanged;
import cn.healthcard.card.CardView;
import cn.healthcard.ehc.EhcEvents.EhcAccountStatusChanged;
import cn.healthcard.ehc.internal.EhcAccount;
import cn.healthcard.ehc.internal.EhcAccountRepository;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The e-card follows its physical card (EHC-03, 003 §5.5 "保证电子健康卡数据与实体卡数据同步"), in the transaction of the
 * card's change: reported lost → FROZEN; loss report withdrawn → ACTIVE; cancelled → REVOKED; replaced → the e-card
 * moves to the new card and is ACTIVE (a lost card's e-card thaws with the replacement). A new card of a person with a
 * master index is linked to it, and an e-card that followed no card starts following it. A PIN lock does not concern
 * the e-card.
 */
@Component
class EhcFollowsCards {

    private final EhcAccountRepository accounts;
    private final MasterIndexes masterIndexes;
    private final ResidentService residents;
    private final CardService cards;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EhcFollowsCards(EhcAccountRepository accounts, MasterIndexes masterIndexes, ResidentService residents,
                    CardService cards, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.masterIndexes = masterIndexes;
        this.residents = residents;
        this.cards = cards;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CardStatusChanged change) {
        if (change.from() == null) {
            newCard(change);
            return;
        }
        Optional<EhcAccount> following = accounts.findFirstByCardNo(change.cardNo());
        if (following.isEmpty()) {
            return;
        }
        EhcAccount account = following.get();
        switch (change.to()) {
            case REPORTED_LOST -> move(account, EhcStatus.FROZEN, account.cardNo(), "实体卡挂失");
            case ACTIVE -> {
                if (change.from() == CardStatus.REPORTED_LOST) {
                    move(account, EhcStatus.ACTIVE, account.cardNo(), "实体卡解挂");
                }
            }
            case CANCELLED -> move(account, EhcStatus.REVOKED, account.cardNo(), "实体卡注销");
            case REPLACED -> {
                Optional<CardView> replacement = SecurityContextUsers.runAsSystem(
                        () -> cards.replacementOf(change.cardNo()));
                replacement.ifPresent(card -> {
                    masterIndexes.linkCard(account.masterIndexId(), card.cardNo());
                    move(account, account.status() == EhcStatus.REVOKED ? EhcStatus.REVOKED : EhcStatus.ACTIVE,
                            card.cardNo(), "补换新卡 " + card.cardNo() + "，替换原卡 " + change.cardNo());
                });
            }
            default -> {
            }
        }
    }

    private void newCard(CardStatusChanged change) {
        if (change.residentId() == null) {
            return;
        }
        masterIndexes.ofDocument(residents.documentIndexOf(change.residentId())).ifPresent(masterIndexId -> {
            masterIndexes.linkCard(masterIndexId, change.cardNo());
            accounts.findByMasterIndexId(masterIndexId)
                    .filter(a -> a.cardNo() == null && a.status() == EhcStatus.ACTIVE)
                    .ifPresent(a -> {
                        a.attachCard(change.cardNo(), clock.instant());
                        events.publishEvent(new EhcAccountStatusChanged(a.masterIndexId(), a.regionCode(),
                                a.status(), a.status(), change.cardNo(), a.residentId(), "关联新制实体卡"));
                    });
        });
    }

    /** Moves the account (a managed entity: written at commit); audited when something changed. */
    private void move(EhcAccount account, EhcStatus to, String cardNo, String reason) {
        String oldCardNo = account.cardNo();
        EhcStatus from = account.follow(to, cardNo, clock.instant());
        if (from == to && Objects.equals(oldCardNo, cardNo)) {
            return;
        }
        events.publishEvent(new EhcAccountStatusChanged(account.masterIndexId(), account.regionCode(), from, to,
                cardNo, account.residentId(), reason));
    }
}
