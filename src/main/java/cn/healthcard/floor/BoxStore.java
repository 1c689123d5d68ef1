package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.floor.FloorEvents.BoxIncidentChanged;
import cn.healthcard.floor.FloorViews.Box;
import cn.healthcard.floor.FloorViews.BoxIncident;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The maker's store of sealed boxes until shipped (PER-12). A damaged or opened box is taken out of the store
 * (status {@code HELD}), recounted and repacked under a new seal never used before (its old seal is broken and
 * retired, {@code floor_seal}), then investigated and registered by a second person, and is back in the store;
 * {@link BoxResealed} tells the receiving side the box's new seal. While held, the box cannot be shipped: {@link BoxHeld}
 * (published with the report) holds its shipment at the maker until the new seal is registered. The dispatch takes
 * the boxes out of the store ({@link #shipOut}) under their row locks, which a report takes as well, so the two are
 * serialized: a report committed first holds the dispatch, a report after the dispatch finds the box shipped (409).
 */
@Service
public class BoxStore {

    public static final String IN_STORE = "IN_STORE";
    public static final String HELD = "HELD";
    public static final String REPORTED = "REPORTED";
    public static final String REPACKED = "REPACKED";
    public static final String REGISTERED = "REGISTERED";
    /** A box that left the store with its shipment's dispatch. */
    public static final String SHIPPED = "SHIPPED";

    private final JdbcClient jdbc;
    private final FloorAccess access;
    private final FloorRecords records;
    private final FloorStock stock;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BoxStore(JdbcClient jdbc, FloorAccess access, FloorRecords records, FloorStock stock,
             ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.records = records;
        this.stock = stock;
        this.events = events;
        this.clock = clock;
    }

    /** The boxes of the caller's maker, by box number. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<Box> boxes() {
        return jdbc.sql("SELECT * FROM floor_box WHERE maker_code = ? ORDER BY box_no").param(access.ownMakerCode())
                .query(Box.class).list();
    }

    /** The incidents of the caller's maker's boxes, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<BoxIncident> incidents() {
        return jdbc.sql("""
                SELECT i.* FROM floor_box_incident i JOIN floor_box b ON b.box_no = i.box_no
                WHERE b.maker_code = ? ORDER BY i.reported_at DESC""").param(access.ownMakerCode())
                .query(BoxIncident.class).list();
    }

    /** A box in the store was found damaged or opened: it is held (409 when it is not in the store). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BoxIncident report(String boxNo, BoxIncidentKind kind, String note) {
        Box box = own(boxNo);
        if (kind == null) {
            throw new DomainValidationException("kind", "请选择「异常类型」");
        }
        String text = FloorStock.text("note", note, 500, true);
        if (!IN_STORE.equals(box.status())) {
            throw new ConflictException("BOX_NOT_IN_STORE", "箱 " + boxNo + " 不在库中（" + box.status() + "）");
        }
        CurrentUser me = SecurityContextUsers.require();
        // conditional: of two concurrent reports of one box, one holds it, the other gets 409
        if (jdbc.sql("UPDATE floor_box SET status = ? WHERE box_no = ? AND status = ?").params(HELD, box.boxNo(),
                IN_STORE).update() != 1) {
            throw new ConflictException("BOX_NOT_IN_STORE", "箱 " + boxNo + " 不在库中");
        }
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO floor_box_incident (id, box_no, kind, note, status, reported_by, reported_at, old_seal_no)
                VALUES (?,?,?,?,?,?,?,?)""").params(id, box.boxNo(), kind.name(), text, REPORTED, me.username(), now(),
                box.sealNo()).update();
        changed(box, me, "reported", kind.name() + ": " + text);
        // the box's shipment waits at the maker until the new seal is registered (BoxResealed releases it)
        events.publishEvent(new BoxHeld(box.batchNo(), box.boxNo(), box.sealNo()));
        return incident(id);
    }

    /**
     * The boxes of a sealed batch leave the store with their shipment's dispatch (called by logistics in the dispatch's
     * transaction, for whoever dispatches). Locks the batch's boxes first, in box order — a report of one of them
     * holds that lock until it commits — then answers the boxes not in the store (held or being repacked) and, only
     * when there are none, marks all {@value #SHIPPED}. A batch without boxes here (sealed elsewhere) answers none.
     *
     * @return the numbers of the boxes that keep the shipment at the maker; empty when the boxes have left
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<String> shipOut(String batchNo) {
        List<Box> boxes = jdbc.sql("SELECT * FROM floor_box WHERE batch_no = ? ORDER BY box_no FOR UPDATE")
                .param(batchNo).query(Box.class).list();
        List<String> notInStore = boxes.stream().filter(b -> !IN_STORE.equals(b.status())).map(Box::boxNo).toList();
        if (notInStore.isEmpty() && !boxes.isEmpty()) {
            jdbc.sql("UPDATE floor_box SET status = ? WHERE batch_no = ? AND status = ?")
                    .params(SHIPPED, batchNo, IN_STORE).update();
        }
        return notInStore;
    }

    /** A repack whose recount matches the box (no card missing). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BoxIncident repack(String incidentId, Integer recounted, String newSealNo) {
        return repack(incidentId, recounted, newSealNo, List.of());
    }

    /**
     * The held box recounted and repacked under a new seal never used before (400 on {@code newSealNo}). A recount
     * short of the box names each missing card of the box (400 on {@code missingCardNos}): they leave the box and are
     * booked as finished scrap, so the box, its count and the stock agree; {@link BoxResealed} carries what it holds.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BoxIncident repack(String incidentId, Integer recounted, String newSealNo, List<String> missingCardNos) {
        BoxIncident i = ownIncident(incidentId, REPORTED);
        Box box = own(i.boxNo());
        if (recounted == null || recounted < 0 || recounted > box.cardCount()) {
            throw new DomainValidationException("recounted", "「复点数量」应为 0–" + box.cardCount());
        }
        if (missingCardNos != null && missingCardNos.size() > FloorService.MAX_CARDS_PER_BOX) {
            throw new DomainValidationException("missingCardNos", "「短少卡号」最多 " + FloorService.MAX_CARDS_PER_BOX + " 个");
        }
        List<String> missing = missingCardNos == null ? List.of()
                : missingCardNos.stream().map(c -> c == null ? "" : c.strip()).filter(c -> !c.isEmpty()).toList();
        List<String> inBox = records.boxCards(box.boxNo());
        if (missing.size() != box.cardCount() - recounted || !inBox.containsAll(missing)
                || new java.util.HashSet<>(missing).size() != missing.size()) {
            throw new DomainValidationException("missingCardNos", "复点 " + recounted + " 张，装箱 " + box.cardCount()
                    + " 张：须逐一填写本箱短少的 " + (box.cardCount() - recounted) + " 个「短少卡号」");
        }
        String seal = newSealNo == null ? "" : newSealNo.strip();
        if (!seal.matches("[A-Za-z0-9-]{4,40}")) {
            throw new DomainValidationException("newSealNo", "「新封签号」应为 4–40 位字母、数字或连字符");
        }
        if (records.sealUsed(seal)) {
            // every seal ever used, the box's own broken one included: an opened box is never resealed under it
            throw new DomainValidationException("newSealNo", "「新封签号」" + seal + " 已使用过，须使用未使用过的新封签");
        }
        stock.requireNoOpenMismatch(box.makerCode());
        CurrentUser me = SecurityContextUsers.require();
        jdbc.sql("UPDATE floor_box_incident SET recounted = ?, new_seal_no = ?, repacked_by = ?, status = ? WHERE id = ?")
                .params(recounted, seal, me.username(), REPACKED, incidentId).update();
        records.breakSeal(i.oldSealNo());
        records.useSeal(seal, i.boxNo());
        // the batch is sealed and its cards' cases completed: production takes no scrap any more; the missing cards
        // leave the box, and BoxResealed (after the registration) carries what the box now holds
        for (String cardNo : missing) {
            jdbc.sql("DELETE FROM floor_box_card WHERE box_no = ? AND card_no = ?").params(box.boxNo(), cardNo).update();
        }
        jdbc.sql("UPDATE floor_box SET seal_no = ?, card_count = ? WHERE box_no = ?")
                .params(seal, recounted, i.boxNo()).update();
        String region = access.makerRegion(box.makerCode()).orElse(me.region().value());
        stock.move(box.makerCode(), region, FloorEnums.Stock.FINISHED, FloorEnums.Direction.SCRAP, missing.size(),
                box.batchNo(), "开箱复点短少");
        changed(own(i.boxNo()), me, "repacked", "recounted " + recounted + (missing.isEmpty() ? ""
                : ", missing " + String.join(" ", missing)) + ", seal " + i.oldSealNo() + " → " + seal);
        return incident(incidentId);
    }

    /**
     * The investigation's findings registered by a second person (403 for the one who reported or repacked); a recount
     * that differs from the box's cards must be explained in them. The box is back in the store.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BoxIncident register(String incidentId, String findings) {
        BoxIncident i = ownIncident(incidentId, REPACKED);
        String text = FloorStock.text("findings", findings, 1000, true);
        CurrentUser me = SecurityContextUsers.require();
        if (me.username().equals(i.reportedBy()) || me.username().equals(i.repackedBy())) {
            throw new AccessDeniedException("调查结论须由报告人和重新封箱人以外的另一人登记");
        }
        Box box = own(i.boxNo());
        jdbc.sql("UPDATE floor_box_incident SET findings = ?, registered_by = ?, registered_at = ?, status = ? "
                + "WHERE id = ?").params(text, me.username(), now(), REGISTERED, incidentId).update();
        jdbc.sql("UPDATE floor_box SET status = ? WHERE box_no = ?").params(IN_STORE, i.boxNo()).update();
        changed(box, me, "registered", text);
        events.publishEvent(new BoxResealed(box.batchNo(), box.boxNo(), i.oldSealNo(), i.newSealNo(),
                records.boxCards(box.boxNo())));
        return incident(incidentId);
    }

    private void changed(Box box, CurrentUser me, String step, String detail) {
        events.publishEvent(new BoxIncidentChanged(box.makerCode(), me.region().value(), box.boxNo(), step, detail));
        stock.log(box.makerCode(), me.region().value(), box.batchNo(), "STORE", "箱 " + box.boxNo() + " " + step
                + "：" + detail);
    }

    private Box own(String boxNo) {
        String maker = access.ownMakerCode();
        return jdbc.sql("SELECT * FROM floor_box WHERE box_no = ?").param(boxNo == null ? "" : boxNo.strip())
                .query(Box.class).optional().filter(b -> b.makerCode().equals(maker))
                .orElseThrow(() -> new NotFoundException("箱号不存在: " + boxNo));
    }

    private BoxIncident ownIncident(String id, String expectedStatus) {
        BoxIncident i = id == null || id.length() > 36 ? null : incident(id);
        if (i == null) {
            throw new NotFoundException("箱体异常记录不存在: " + id);
        }
        own(i.boxNo());
        if (!expectedStatus.equals(i.status())) {
            throw new ConflictException("WRONG_STEP", "该异常记录当前为 " + i.status());
        }
        return i;
    }

    private BoxIncident incident(String id) {
        return jdbc.sql("SELECT * FROM floor_box_incident WHERE id = ?").param(id).query(BoxIncident.class)
                .optional().orElse(null);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
