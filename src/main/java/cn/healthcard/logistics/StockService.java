package cn.healthcard.logistics;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.logistics.LogisticsEvents.CardIssuedFromStock;
import cn.healthcard.logistics.internal.StockItem;
import cn.healthcard.logistics.internal.StockItemRepository;
import cn.healthcard.production.CardProductionCompleted;
import cn.healthcard.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Stock: one item per card, where it is and in which state (APP-09), and the pick-up check (APP-10): a card leaves
 * stock only at the desk it was delivered to. Items are created from the production events and moved only by
 * shipments and warehouse in/out.
 */
@Service
public class StockService {

    /** 409: the card is not in stock at the clerk's desk. */
    public static final String NOT_AT_DESK = "CARD_NOT_AT_DESK";
    static final int MAX_QUERY = 2000;

    private final StockItemRepository items;
    private final Places places;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<cn.healthcard.logistics.internal.ProductionEvents>
            pending;

    StockService(StockItemRepository items, Places places, ApplicationEventPublisher events, Clock clock,
                 org.springframework.beans.factory.ObjectProvider<cn.healthcard.logistics.internal.ProductionEvents>
                         pending) {
        this.pending = pending;
        this.items = items;
        this.places = places;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The card maker's answer for one card: an instant card (no batch) is in stock at its desk at once; a batch card
     * learns its case and desk (it is at the maker, boxed by {@code BatchSealed}). Idempotent.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void cardProduced(CardProductionCompleted answer) {
        Optional<StockItem> existing = items.findById(answer.cardNo());
        if (existing.isPresent() && existing.get().itemKind() != ItemKind.CARD) {
            // a SAM card's number is never a card's (decision 031): refused loudly, the SAM item is not rewritten
            StockItem sam = existing.get();
            events.publishEvent(new LogisticsEvents.StockConflict(answer.cardNo(), sam.placeRegion(),
                    answer.batchNo(), sam.placeCode(), sam.itemKind().name(), sam.placeCode(), sam.batchNo()));
            return;
        }
        if (answer.instant()) {
            Institution desk = places.get(answer.deskCode());
            StockItem item = existing.orElseGet(() -> new StockItem(answer.cardNo(), desk.code(),
                    desk.region().value(), StockStatus.IN_STOCK, "SYSTEM", clock.instant()));
            item.madeFor(answer.caseId(), desk.code(), null);
            items.save(item);
            if (existing.isEmpty()) {
                events.publishEvent(new InstantCardStocked(answer.cardNo(), desk.code()));
            }
            return;
        }
        StockItem item = existing.orElseGet(() -> {
            Institution desk = places.get(answer.deskCode());
            // boxed and placed at its maker by BatchSealed; until then it waits at the maker for its box
            return new StockItem(answer.cardNo(), desk.code(), desk.region().value(), StockStatus.AT_MAKER, "SYSTEM",
                    clock.instant());
        });
        item.madeFor(answer.caseId(), answer.deskCode(), answer.batchNo());
        items.save(item);
    }

    /**
     * Pick-up (APP-10): the card must be in stock at the clerk's own desk; it becomes ISSUED. 409
     * {@value #NOT_AT_DESK} with a message naming where the card is, otherwise. Runs in the pick-up's transaction.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public void issueAtDesk(String cardNo, String caseRef) {
        CurrentUser me = Places.me();
        StockItem item = items.findById(cardNo).or(() -> {
            // its answer may still wait in the inbox, right after the announcing commit
            pending.getObject().handlePending(cardNo);
            return items.findById(cardNo);
        }).orElseThrow(() -> new ConflictException(NOT_AT_DESK,
                "卡号 " + cardNo + " 没有库存记录，不能在本网点发放"));
        if (item.itemKind() != ItemKind.CARD || item.status() != StockStatus.IN_STOCK
                || !item.placeCode().equals(me.institutionCode())) {
            throw new ConflictException(NOT_AT_DESK, "卡号 " + cardNo + " 不在本网点库存中：当前状态「"
                    + item.status().nameZh() + "」，位置 " + places.label(item.placeCode())
                    + "。请在卡片送达的网点领取");
        }
        item.status(StockStatus.ISSUED, me.username(), clock.instant());
        try {
            items.saveAndFlush(item);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException(NOT_AT_DESK, "卡号 " + cardNo + " 刚被其他经办人发放或移动，请刷新后重试");
        }
        events.publishEvent(new CardIssuedFromStock(cardNo, item.placeRegion(), item.placeCode(), caseRef));
    }

    /** One card's stock item, within the caller's region (a card maker's people: at their maker); 404 otherwise. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','CLERK','ADMIN')")
    public StockItemView card(String cardNo) {
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        return items.findById(cardNo).filter(i -> i.itemKind() == ItemKind.CARD)
                .filter(i -> maker != null ? maker.equals(i.placeCode()) : me.canSee(i.placeRegion()))
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("库存中没有卡号 " + cardNo));
    }

    /** Stock per place and status within the caller's region (a card maker's people: their maker only; APP-09). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<StockCount> summary() {
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        return (maker != null ? items.summaryAt(maker) : items.summary(me.region().scopePrefix())).stream()
                .map(r -> new StockCount((String) r[0], places.name((String) r[0]), (StockStatus) r[1],
                        ((Number) r[2]).longValue()))
                .toList();
    }

    /**
     * Cards by batch (and box), or by a card number range, within the caller's region (a card maker's people: at
     * their maker); at most {@value #MAX_QUERY}, read from the database no further than that. 400 when neither a
     * batch nor a complete range is given, or when more cards match ("范围过大").
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public List<StockItemView> query(String batchNo, String boxNo, String fromCard, String toCard) {
        CurrentUser me = Places.me();
        String maker = places.makerScope(me);
        Specification<StockItem> where;
        String field;
        if (!blank(batchNo)) {
            field = "batchNo";
            where = (r, q, cb) -> cb.equal(r.get("batchNo"), batchNo.strip());
            if (!blank(boxNo)) {
                where = where.and((r, q, cb) -> cb.equal(r.get("boxNo"), boxNo.strip()));
            }
        } else if (!blank(fromCard) && !blank(toCard)) {
            if (fromCard.strip().compareTo(toCard.strip()) > 0) {
                throw new DomainValidationException("toCard", "「截止卡号」不能小于「起始卡号」");
            }
            field = "toCard";
            where = (r, q, cb) -> cb.between(r.get("cardNo"), fromCard.strip(), toCard.strip());
        } else {
            throw new DomainValidationException("batchNo", "请填写「批次号」，或「起始卡号」与「截止卡号」");
        }
        where = where.and(maker != null ? (r, q, cb) -> cb.equal(r.get("placeCode"), maker)
                : (r, q, cb) -> cb.like(r.get("placeRegion"), me.region().scopePrefix() + "%"));
        where = where.and((r, q, cb) -> cb.equal(r.get("itemKind"), ItemKind.CARD));
        List<StockItem> found = items.findBy(where, q -> q.sortBy(Sort.by("cardNo")).limit(MAX_QUERY + 1).all());
        if (found.size() > MAX_QUERY) {
            throw new DomainValidationException(field, "范围过大：超过 " + MAX_QUERY + " 张卡片，请缩小查询范围");
        }
        return found.stream().map(this::view).toList();
    }

    StockItemView view(StockItem i) {
        return new StockItemView(i.cardNo(), i.batchNo(), i.boxNo(), i.deskCode(), i.placeCode(),
                places.name(i.placeCode()), i.status(), i.shipmentNo(), i.updatedAt(), i.version(), i.itemKind());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
