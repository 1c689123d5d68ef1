package cn.healthcard.floor;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.production.BatchProductionFinished;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.ProducedCard;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.production.datafile.DataFileRefusal;
import cn.healthcard.production.datafile.DataFileRefusedException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory card production line for the floor's tests — REMOVED WHEN THE PRODUCTION LINE LANDS (helper P's
 * branch implements {@link ProductionLine} in module production; then this component would be a second bean).
 * A test prepares a batch with its maker and card numbers (or a tampered file), and finishes production when it likes.
 */
@Component
public class FloorTestProductionLine implements ProductionLine {

    record Prepared(String makerCode, List<String> cardNos, boolean tampered) {
    }

    private final ApplicationEventPublisher events;
    private final Map<String, Prepared> batches = new ConcurrentHashMap<>();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> scrapped = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<BatchSealed> sealed = new CopyOnWriteArrayList<>();

    public FloorTestProductionLine(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** A batch of the maker whose data file holds these card numbers (tampered: its signature fails). */
    public void prepare(String batchNo, String makerCode, List<String> cardNos, boolean tampered) {
        batches.put(batchNo, new Prepared(makerCode, List.copyOf(cardNos), tampered));
    }

    /** The line answers for every card: all produced, none failed or destroyed. */
    public void finish(String batchNo) {
        SecurityContextUsers.runAsSystem(() -> events.publishEvent(new BatchProductionFinished(batchNo,
                batches.get(batchNo).makerCode(), batches.get(batchNo).cardNos().size(), 0, 0)));
    }

    public boolean started(String batchNo) {
        return started.contains(batchNo);
    }

    /** Scrapped cards reported, as {@code batchNo:cardNo}. */
    public List<String> scrapped() {
        return List.copyOf(scrapped);
    }

    /** Card errors reported, as {@code batchNo:caseId:field}. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The batches the floor sealed (what production and logistics receive). */
    public List<BatchSealed> sealed() {
        return List.copyOf(sealed);
    }

    @EventListener
    void on(BatchSealed e) {
        sealed.add(e);
    }

    @Override
    public int receive(String batchNo) {
        Prepared p = own(batchNo);
        if (p.tampered()) {
            throw new DataFileRefusedException(DataFileRefusal.SIGNATURE_INVALID, null);
        }
        return p.cardNos().size();
    }

    @Override
    public void startProduction(String batchNo) {
        own(batchNo);
        started.add(batchNo);
    }

    @Override
    public List<ProducedCard> producedCards(String batchNo) {
        List<ProducedCard> cards = new ArrayList<>();
        for (String cardNo : own(batchNo).cardNos()) {
            cards.add(new ProducedCard("CASE-" + cardNo, cardNo, "CHIP-" + cardNo));
        }
        return cards;
    }

    @Override
    public void reportError(String batchNo, String caseId, String field, String reason) {
        own(batchNo);
        errors.add(batchNo + ":" + caseId + ":" + field);
    }

    @Override
    public void reportScrapped(String batchNo, String cardNo, String reason) {
        own(batchNo);
        scrapped.add(batchNo + ":" + cardNo);
    }

    private Prepared own(String batchNo) {
        Prepared p = batches.get(batchNo);
        CurrentUser me = SecurityContextUsers.require();
        if (p == null || !(me.has(Role.SYSTEM) || p.makerCode().equals(me.institutionCode()))) {
            throw new NotFoundException("批次不存在: " + batchNo);
        }
        return p;
    }
}
