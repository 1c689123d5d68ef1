package cn.healthcard.floor;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Destruction;
import cn.healthcard.floor.FloorViews.Reconciliation;
import cn.healthcard.report.ReportService;
import cn.healthcard.security.UserDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor's printed documents (BPM-06, decision 021): the hand-over form (交接单, {@code reports/handover-form.html}),
 * the destruction record with both signatures (销毁记录单, {@code reports/destruction-record.html}), the daily
 * reconciliation sheet ({@code reports/daily-reconciliation.html}) and the packing list with box and seal numbers
 * ({@code reports/packing-list.html}). Whoever may read the batch (or the maker's reconciliation) may print them.
 */
@Service
public class FloorDocuments {

    public static final String HANDOVER = "handover-form";
    public static final String DESTRUCTION = "destruction-record";
    public static final String RECONCILIATION = "daily-reconciliation";
    public static final String PACKING = "packing-list";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final FloorService floor;
    private final FloorStock stock;
    private final FloorRecords records;
    private final ReportService reports;
    private final UserDirectory people;

    FloorDocuments(FloorService floor, FloorStock stock, FloorRecords records, ReportService reports,
                   UserDirectory people) {
        this.floor = floor;
        this.stock = stock;
        this.records = records;
        this.reports = reports;
        this.people = people;
    }

    /** The hand-over forms of a batch (409 {@code NO_HANDOVER} before the first). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SUPERVISOR','AUDITOR')")
    public byte[] handoverForm(String batchNo) {
        BatchRecord r = floor.batch(batchNo);
        if (r.handovers().isEmpty()) {
            throw new ConflictException("NO_HANDOVER", "该批次尚无交接记录");
        }
        Map<String, String> v = batchValues(r);
        List<Map<String, String>> rows = r.handovers().stream().map(h -> Map.of("step", h.step().nameZh(),
                "handedBy", people.displayName(h.handedBy()), "receivedBy", people.displayName(h.receivedBy()),
                "countIn", shown(h.countIn()), "good", shown(h.good()), "damaged", shown(h.damaged()),
                "rework", shown(h.rework()), "countOut", shown(h.countOut()), "recordedAt", dateTime(h.recordedAt())))
                .toList();
        return reports.document(HANDOVER, v, Map.of("handovers", rows));
    }

    /** The destruction record with both signatures (409 {@code NOT_COSIGNED} before the co-signature). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SUPERVISOR','AUDITOR')")
    public byte[] destructionRecord(String batchNo) {
        BatchRecord r = floor.batch(batchNo);
        Destruction d = r.destruction();
        if (d == null || d.cosignedBy() == null) {
            throw new ConflictException("NOT_COSIGNED", "销毁记录单尚未会签");
        }
        Map<String, String> v = batchValues(r);
        v.put("method", d.method());
        v.put("place", d.place());
        v.put("quantity", String.valueOf(d.quantity()));
        v.put("recordedAt", dateTime(d.recordedAt()));
        v.put("recordedBy", people.displayName(d.recordedBy()));
        v.put("cosignedBy", people.displayName(d.cosignedBy()));
        v.put("cosignedAt", dateTime(d.cosignedAt()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (var s : r.scraps()) {
            rows.add(Map.of("no", String.valueOf(rows.size() + 1), "category", s.category().nameZh(),
                    "cardNo", s.cardNo() == null ? "—" : s.cardNo(), "quantity", String.valueOf(s.quantity()),
                    "reason", s.reason()));
        }
        return reports.document(DESTRUCTION, v, Map.of("scraps", rows));
    }

    /** The packing list with box and seal numbers (409 {@code NOT_SEALED} before sealing). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SUPERVISOR','AUDITOR')")
    public byte[] packingList(String batchNo) {
        BatchRecord r = floor.batch(batchNo);
        if (r.boxes().isEmpty()) {
            throw new ConflictException("NOT_SEALED", "该批次尚未装箱封签");
        }
        Map<String, String> v = batchValues(r);
        v.put("centreCode", r.batch().centreCode());
        v.put("boxCount", String.valueOf(r.boxes().size()));
        v.put("cardCount", String.valueOf(r.boxes().stream().mapToInt(FloorViews.Box::cardCount).sum()));
        v.put("signedOffBy", r.batch().signedOffBy() == null ? "" : people.displayName(r.batch().signedOffBy()));
        v.put("signedOffAt", r.batch().signedOffAt() == null ? "" : dateTime(r.batch().signedOffAt()));
        v.put("sealedBy", people.displayName(r.boxes().get(0).sealedBy()));
        List<Map<String, String>> rows = r.boxes().stream().map(b -> {
            List<String> cards = records.boxCards(b.boxNo());
            return Map.of("boxNo", b.boxNo(), "sealNo", b.sealNo(), "cardCount", String.valueOf(b.cardCount()),
                    "range", cards.isEmpty() ? "" : cards.get(0) + " – " + cards.get(cards.size() - 1));
        }).toList();
        return reports.document(PACKING, v, Map.of("boxes", rows));
    }

    /** The daily reconciliation sheet of one of the caller's maker's days. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public byte[] reconciliationSheet(String id) {
        Reconciliation r = stock.get(id);
        Map<String, String> v = new HashMap<>();
        v.put("makerCode", r.makerCode());
        v.put("day", r.recDay().format(DATE));
        v.put("countedBy", people.displayName(r.countedBy()));
        v.put("statusName", switch (r.status()) {
            case Reconciliation.MATCHED -> "账实相符";
            case Reconciliation.EXPLAINED -> "账实不符，已说明并复核";
            default -> "账实不符，待说明";
        });
        v.put("explanation", r.explanation() == null ? "—" : r.explanation());
        v.put("explainedBy", r.explainedBy() == null ? "" : people.displayName(r.explainedBy()));
        v.put("confirmedBy", r.confirmedBy() == null ? "" : people.displayName(r.confirmedBy()));
        List<Map<String, String>> lines = r.lines().stream().map(l -> Map.of("stock", l.stock().nameZh(),
                "opening", String.valueOf(l.opening()), "qtyIn", String.valueOf(l.qtyIn()),
                "qtyOut", String.valueOf(l.qtyOut()), "scrap", String.valueOf(l.scrap()),
                "closing", String.valueOf(l.closing()), "physical", String.valueOf(l.physical()),
                "difference", String.valueOf(l.physical() - l.closing()))).toList();
        return reports.document(RECONCILIATION, v, Map.of("lines", lines));
    }

    private static Map<String, String> batchValues(BatchRecord r) {
        var b = r.batch();
        Map<String, String> v = new HashMap<>();
        v.put("batchNo", b.batchNo());
        v.put("planNo", b.planNo());
        v.put("makerCode", b.makerCode());
        v.put("dataFileName", b.dataFileName());
        v.put("cardCount", String.valueOf(b.cardCount()));
        v.put("produced", b.produced() == null ? "—" : "成功 " + b.produced() + "，失败 " + b.failed() + "，销毁 "
                + b.destroyed());
        return v;
    }

    private static String dateTime(Instant t) {
        return t == null ? "" : t.atZone(ChinaTime.ZONE).format(DATE_TIME);
    }

    /** A count, or a dash where the reader may not see it (an unconfirmed hand-over, PER-07). */
    private static String shown(Integer count) {
        return count == null ? "—" : String.valueOf(count);
    }
}
