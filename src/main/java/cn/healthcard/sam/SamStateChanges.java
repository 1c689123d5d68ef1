package cn.healthcard.sam;

import cn.healthcard.sam.SamEvents.SamBindingChanged;
import cn.healthcard.sam.SamEvents.SamStateChanged;
import cn.healthcard.sam.internal.SamBinding;
import cn.healthcard.sam.internal.SamBindingRepository;
import cn.healthcard.sam.internal.SamBlacklistChangeRecord;
import cn.healthcard.sam.internal.SamBlacklistChangeRepository;
import cn.healthcard.sam.internal.SamBlacklistLockRepository;
import cn.healthcard.sam.internal.SamCard;
import cn.healthcard.sam.internal.SamCase;
import cn.healthcard.sam.internal.SamStateChange;
import cn.healthcard.sam.internal.SamStateChangeRepository;
import cn.healthcard.sam.internal.SamTerminalBlocks;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * The one place a SAM card's state changes (SAM-04, BL-01): the card, the SAM blacklist's change log (frozen and
 * cancelled cards ADDED, an unfrozen card REMOVED; under the log's lock so seq order is commit order), the count row,
 * the audit event, the end of the binding on cancellation, and the terminal block cache after commit.
 */
@Component
class SamStateChanges {

    private final SamBlacklistChangeRepository blacklist;
    private final SamBlacklistLockRepository lock;
    private final SamStateChangeRepository counts;
    private final SamBindingRepository bindings;
    private final SamTerminalBlocks blocks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SamStateChanges(SamBlacklistChangeRepository blacklist, SamBlacklistLockRepository lock,
                    SamStateChangeRepository counts, SamBindingRepository bindings, SamTerminalBlocks blocks,
                    ApplicationEventPublisher events, Clock clock) {
        this.blacklist = blacklist;
        this.lock = lock;
        this.counts = counts;
        this.bindings = bindings;
        this.blocks = blocks;
        this.events = events;
        this.clock = clock;
    }

    /** Moves the card to {@code to}; {@code action} names the change for counts and audit (e.g. URGENT_FREEZE). */
    void change(SamCard card, SamCase samCase, String action, SamState to) {
        SamState from = card.state();
        String by = SecurityContextUsers.actor();
        Instant now = clock.instant();
        String terminal = card.terminalNo();
        if (to == SamState.CANCELLED && card.bound()) {
            bindings.save(new SamBinding(card.samNo(), "CANCELLED", card.institutionCode(), card.placeRegion(),
                    card.terminalType(), terminal, samCase.reason(), by, now));
            events.publishEvent(new SamBindingChanged(card.samNo(), "CANCELLED", card.institutionCode(),
                    card.terminalType().name(), terminal, card.placeRegion()));
        }
        card.changeState(to, by, now);
        lock.acquire();
        if (to == SamState.ACTIVE) {
            blacklist.save(new SamBlacklistChangeRecord(card.samNo(), SamBlacklistChange.Action.REMOVED, from.name(),
                    terminal, card.placeRegion(), by, now));
        } else {
            blacklist.save(new SamBlacklistChangeRecord(card.samNo(), SamBlacklistChange.Action.ADDED, to.name(),
                    terminal, card.placeRegion(), by, now));
        }
        counts.save(new SamStateChange(card.samNo(), action, samCase.caseNo(), samCase.institutionCode(),
                samCase.regionCode(), now));
        events.publishEvent(new SamStateChanged(samCase.caseNo(), card.samNo(), action, from, to,
                card.placeRegion()));
        blocks.reloadAfterCommit();
    }
}
