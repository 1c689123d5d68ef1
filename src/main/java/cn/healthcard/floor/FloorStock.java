package cn.healthcard.floor;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.Shift;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorEvents.ProductionLogged;
import cn.healthcard.floor.FloorEvents.ReconciliationExplained;
import cn.healthcard.floor.FloorEvents.ReconciliationRecorded;
import cn.healthcard.floor.FloorEvents.StockMoved;
import cn.healthcard.floor.FloorViews.LogEntry;
import cn.healthcard.floor.FloorViews.Movement;
import cn.healthcard.floor.FloorViews.Reconciliation;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A maker's stock of white (blank), semi-finished and finished cards (PER-09) and its production log (PER-10).
 * Movements come from the floor's steps (production, scrap, sealing) and by hand (blanks received, boxes shipped).
 * The daily reconciliation computes opening + in − out − scrap = closing per stock and compares it with the physical
 * count; a mismatch blocks every further movement of the maker (409 {@value #RECONCILIATION_OPEN}) until one person
 * has explained it and a second has confirmed the explanation.
 */
@Service
public class FloorStock {

    public static final String RECONCILIATION_OPEN = "RECONCILIATION_OPEN";
    /** PER-09: an earlier day's reconciliation is missing or its mismatch not confirmed; the message names the day. */
    public static final String PREVIOUS_DAY_UNRECONCILED = "PREVIOUS_DAY_UNRECONCILED";
    private static final int MAX_TEXT = 500;

    private final JdbcClient jdbc;
    private final FloorAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FloorStock(JdbcClient jdbc, FloorAccess access, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** Today in China, the day movements and reconciliations are booked on. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }

    /**
     * 409 while a reconciliation of the maker shows a mismatch not yet explained and confirmed: today's is
     * {@value #RECONCILIATION_OPEN}; an earlier day's — or an earlier day with movements and no reconciliation at all —
     * is {@value #PREVIOUS_DAY_UNRECONCILED} naming that day (PER-09: a new day's movements wait for the last one's).
     */
    public void requireNoOpenMismatch(String makerCode) {
        LocalDate today = today();
        jdbc.sql("SELECT rec_day FROM floor_reconciliation WHERE maker_code = ? AND status = ? ORDER BY rec_day")
                .params(makerCode, Reconciliation.MISMATCH).query(LocalDate.class).list().stream().findFirst()
                .ifPresent(day -> {
                    throw day.isBefore(today)
                            ? new ConflictException(PREVIOUS_DAY_UNRECONCILED, day + " 的日清点账实不符，尚未说明并复核：该日的差异经说明并由第二人复核前，" + today + " 不能开始出入库或流转卡片")
                            : new ConflictException(RECONCILIATION_OPEN, day + " 的日清点账实不符，尚未说明并复核：说明并经第二人复核前，不能再出入库或流转卡片");
                });
        // a maker that never reconciles is blocked too: an earlier day with movements and no reconciliation
        jdbc.sql("""
                SELECT MIN(m.move_day) FROM floor_movement m WHERE m.maker_code = ? AND m.move_day < ? AND NOT EXISTS (
                  SELECT 1 FROM floor_reconciliation r WHERE r.maker_code = m.maker_code AND r.rec_day = m.move_day)""")
                .params(makerCode, today).query(LocalDate.class).list().stream().filter(java.util.Objects::nonNull)
                .findFirst().ifPresent(day -> {
                    throw new ConflictException(PREVIOUS_DAY_UNRECONCILED, day + " 有出入库但尚未日清点：先完成该日的日清点，" + today + " 才能开始出入库或流转卡片");
                });
    }

    /** A movement written by a floor step (the caller has checked the mismatch block). */
    void move(String makerCode, String regionCode, Stock stock, Direction direction, int quantity, String batchNo,
              String note) {
        if (quantity == 0) {
            return;
        }
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO floor_movement (id, maker_code, move_day, stock, direction, quantity, batch_no, note,
                  recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(id, makerCode, Date.valueOf(today()), stock.name(), direction.name(), quantity, batchNo, note,
                        SecurityContextUsers.actor(), Timestamp.from(clock.instant())).update();
        events.publishEvent(new StockMoved(makerCode, regionCode, id, stock.name(), direction.name(), quantity,
                batchNo));
    }

    /** A movement by hand (blanks received, finished boxes shipped): 400 by field, 409 while a mismatch is open. */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Movement recordMovement(Stock stock, Direction direction, Integer quantity, String note) {
        String maker = access.ownMakerCode();
        if (stock == null) {
            throw new DomainValidationException("stock", "请选择「库存类别」");
        }
        if (direction == null) {
            throw new DomainValidationException("direction", "请选择「出入库」");
        }
        if (quantity == null || quantity <= 0 || quantity > 1_000_000) {
            throw new DomainValidationException("quantity", "「数量」应为 1–1000000");
        }
        requireNoOpenMismatch(maker);
        move(maker, access.makerRegion(maker).orElse(SecurityContextUsers.require().region().value()), stock,
                direction, quantity, null,
                text("note", note, 200, false));
        return movements(today()).get(0);
    }

    /** The caller's maker's movements of a day, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<Movement> movements(LocalDate day) {
        return jdbc.sql("SELECT * FROM floor_movement WHERE maker_code = ? AND move_day = ? ORDER BY recorded_at DESC")
                .params(access.ownMakerCode(), Date.valueOf(day)).query(Movement.class).list();
    }

    /**
     * Reconciles a day (today when {@code day} is null; not in the future, 400 on {@code day}) against the physical
     * counts of the three stocks (400 on {@code physical.<STOCK>} when one is missing or negative). Once per day
     * (409 {@code ALREADY_RECONCILED}). A mismatch blocks movements until explained and confirmed.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Reconciliation reconcile(LocalDate day, Map<Stock, Integer> physical) {
        String maker = access.ownMakerCode();
        LocalDate d = day == null ? today() : day;
        if (d.isAfter(today())) {
            throw new DomainValidationException("day", "不能清点将来的日期");
        }
        for (Stock s : Stock.values()) {
            Integer n = physical == null ? null : physical.get(s);
            if (n == null || n < 0 || n > 10_000_000) {
                throw new DomainValidationException("physical." + s.name(), "请填写「" + s.nameZh() + "」实盘数量");
            }
        }
        if (jdbc.sql("SELECT COUNT(*) FROM floor_reconciliation WHERE maker_code = ? AND rec_day = ?")
                .params(maker, Date.valueOf(d)).query(Long.class).single() > 0) {
            throw new ConflictException("ALREADY_RECONCILED", d + " 已完成日清点");
        }
        List<Reconciliation.Line> lines = new ArrayList<>();
        for (Stock s : Stock.values()) {
            int opening = jdbc.sql("""
                    SELECT l.physical FROM floor_reconciliation_line l JOIN floor_reconciliation r
                      ON r.id = l.reconciliation_id WHERE r.maker_code = ? AND r.rec_day < ? AND l.stock = ?
                    ORDER BY r.rec_day DESC""").params(maker, Date.valueOf(d), s.name()).query(Integer.class)
                    .list().stream().findFirst().orElse(0);
            Map<Direction, Integer> sums = new EnumMap<>(Direction.class);
            for (Direction dir : Direction.values()) {
                sums.put(dir, jdbc.sql("SELECT COALESCE(SUM(quantity), 0) FROM floor_movement WHERE maker_code = ? "
                                + "AND move_day = ? AND stock = ? AND direction = ?")
                        .params(maker, Date.valueOf(d), s.name(), dir.name()).query(Integer.class).single());
            }
            int closing = opening + sums.get(Direction.IN) - sums.get(Direction.OUT) - sums.get(Direction.SCRAP);
            lines.add(new Reconciliation.Line(s, opening, sums.get(Direction.IN), sums.get(Direction.OUT),
                    sums.get(Direction.SCRAP), closing, physical.get(s)));
        }
        boolean matched = lines.stream().allMatch(Reconciliation.Line::matches);
        String id = UUID.randomUUID().toString();
        CurrentUser me = SecurityContextUsers.require();
        jdbc.sql("INSERT INTO floor_reconciliation (id, maker_code, rec_day, status, counted_by, counted_at) "
                        + "VALUES (?,?,?,?,?,?)")
                .params(id, maker, Date.valueOf(d), matched ? Reconciliation.MATCHED : Reconciliation.MISMATCH,
                        me.username(), Timestamp.from(clock.instant())).update();
        for (Reconciliation.Line l : lines) {
            jdbc.sql("INSERT INTO floor_reconciliation_line (reconciliation_id, stock, opening, qty_in, qty_out, "
                            + "scrap, closing, physical) VALUES (?,?,?,?,?,?,?,?)")
                    .params(id, l.stock().name(), l.opening(), l.qtyIn(), l.qtyOut(), l.scrap(), l.closing(),
                            l.physical()).update();
        }
        events.publishEvent(new ReconciliationRecorded(maker, me.region().value(), d.toString(),
                matched ? Reconciliation.MATCHED : Reconciliation.MISMATCH));
        return reconciliation(id);
    }

    /** The first person's explanation of a mismatch (400 on {@code explanation}; 409 when nothing to explain). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Reconciliation explain(String id, String explanation) {
        Reconciliation r = own(id);
        if (!r.blocking() || r.explanation() != null) {
            throw new ConflictException("NOT_OPEN", "该日清点没有待说明的差异");
        }
        String text = text("explanation", explanation, 1000, true);
        CurrentUser me = SecurityContextUsers.require();
        jdbc.sql("UPDATE floor_reconciliation SET explanation = ?, explained_by = ? WHERE id = ?")
                .params(text, me.username(), id).update();
        events.publishEvent(new ReconciliationExplained(r.makerCode(), me.region().value(), r.recDay().toString(), 1));
        return reconciliation(id);
    }

    /** A second person confirms the explanation (403 for the one who explained); movements may go on. */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Reconciliation confirmExplanation(String id) {
        Reconciliation r = own(id);
        if (!r.blocking() || r.explanation() == null) {
            throw new ConflictException("NOT_EXPLAINED", "差异尚未说明，不能复核");
        }
        CurrentUser me = SecurityContextUsers.require();
        if (me.username().equals(r.explainedBy())) {
            throw new AccessDeniedException("差异说明须由另一人复核");
        }
        jdbc.sql("UPDATE floor_reconciliation SET status = ?, confirmed_by = ?, confirmed_at = ? WHERE id = ?")
                .params(Reconciliation.EXPLAINED, me.username(), Timestamp.from(clock.instant()), id).update();
        events.publishEvent(new ReconciliationExplained(r.makerCode(), me.region().value(), r.recDay().toString(), 2));
        return reconciliation(id);
    }

    /** The caller's maker's reconciliations, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<Reconciliation> reconciliations() {
        return jdbc.sql("SELECT id FROM floor_reconciliation WHERE maker_code = ? ORDER BY rec_day DESC")
                .param(access.ownMakerCode()).query(String.class).list().stream().map(this::reconciliation).toList();
    }

    /** Days of the caller's maker with movements but no reconciliation yet. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<LocalDate> daysToReconcile() {
        return jdbc.sql("""
                SELECT DISTINCT m.move_day FROM floor_movement m WHERE m.maker_code = ? AND NOT EXISTS (
                  SELECT 1 FROM floor_reconciliation r WHERE r.maker_code = m.maker_code AND r.rec_day = m.move_day)
                ORDER BY m.move_day""").param(access.ownMakerCode()).query(LocalDate.class).list();
    }

    /** One reconciliation of the caller's maker (404 for another maker's). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public Reconciliation get(String id) {
        return own(id);
    }

    private Reconciliation own(String id) {
        String maker = access.ownMakerCode();
        Reconciliation r = id == null || id.length() > 36 ? null : reconciliation(id);
        if (r == null || !r.makerCode().equals(maker)) {
            throw new NotFoundException("日清点记录不存在: " + id);
        }
        return r;
    }

    /** A reconciliation row without its lines. */
    private record Head(String id, String makerCode, LocalDate recDay, String status, String countedBy,
                        java.time.Instant countedAt, String explanation, String explainedBy, String confirmedBy,
                        java.time.Instant confirmedAt) {
    }

    private Reconciliation reconciliation(String id) {
        var head = jdbc.sql("SELECT * FROM floor_reconciliation WHERE id = ?").param(id).query(Head.class)
                .optional();
        if (head.isEmpty()) {
            return null;
        }
        List<Reconciliation.Line> lines = jdbc.sql("SELECT * FROM floor_reconciliation_line WHERE reconciliation_id = ?")
                .param(id).query(Reconciliation.Line.class).list().stream()
                .sorted(java.util.Comparator.comparing(Reconciliation.Line::stock)).toList();
        Head r = head.get();
        return new Reconciliation(r.id(), r.makerCode(), r.recDay(), r.status(), r.countedBy(), r.countedAt(),
                r.explanation(), r.explainedBy(), r.confirmedBy(), r.confirmedAt(), lines);
    }

    // ---------------------------------------------------------------- production log (PER-10)

    /** A log entry written by a floor step. */
    void log(String makerCode, String regionCode, String batchNo, String kind, String workState) {
        String id = UUID.randomUUID().toString();
        Shift shift = shiftNow();
        jdbc.sql("""
                INSERT INTO floor_log (id, maker_code, batch_no, shift, entry_kind, work_state, recorded_by,
                  recorded_at) VALUES (?,?,?,?,?,?,?,?)""")
                .params(id, makerCode, batchNo, shift.name(), kind, workState, SecurityContextUsers.actor(),
                        Timestamp.from(clock.instant())).update();
        events.publishEvent(new ProductionLogged(makerCode, regionCode, id, shift.name(), kind));
    }

    /** Whether a step wrote this very entry for the batch already (a repeated report is not sent twice). */
    boolean logged(String makerCode, String batchNo, String kind, String workState) {
        return jdbc.sql("SELECT COUNT(*) FROM floor_log WHERE maker_code = ? AND batch_no = ? AND entry_kind = ?"
                + " AND work_state = ?").params(makerCode, batchNo, kind, workState).query(Long.class).single() > 0;
    }

    /**
     * A shift hand-over written by hand: the shift, who hands over to whom and the state of the work (400 by field;
     * the person taking over must differ from the one handing over).
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public LogEntry logShift(Shift shift, String handedTo, String workState) {
        String maker = access.ownMakerCode();
        CurrentUser me = SecurityContextUsers.require();
        if (shift == null) {
            throw new DomainValidationException("shift", "请选择「班次」");
        }
        String to = text("handedTo", handedTo, 64, true);
        if (to.equals(me.username())) {
            throw new DomainValidationException("handedTo", "交班人与接班人不能是同一人");
        }
        String state = text("workState", workState, MAX_TEXT, true);
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO floor_log (id, maker_code, shift, entry_kind, handed_from, handed_to, work_state,
                  recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)""")
                .params(id, maker, shift.name(), "SHIFT", me.username(), to, state, me.username(),
                        Timestamp.from(clock.instant())).update();
        events.publishEvent(new ProductionLogged(maker, me.region().value(), id, shift.name(), "SHIFT"));
        return jdbc.sql("SELECT * FROM floor_log WHERE id = ?").param(id).query(LogEntry.class).single();
    }

    /** The caller's maker's log, newest first (at most {@code max} entries). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public List<LogEntry> logEntries(int max) {
        return jdbc.sql("SELECT * FROM floor_log WHERE maker_code = ? ORDER BY recorded_at DESC FETCH FIRST "
                + Math.max(1, Math.min(max, 1000)) + " ROWS ONLY").param(access.ownMakerCode())
                .query(LogEntry.class).list();
    }

    private Shift shiftNow() {
        int hour = clock.instant().atZone(ChinaTime.ZONE).getHour();
        return hour >= 8 && hour < 16 ? Shift.MORNING : hour >= 16 ? Shift.MIDDLE : Shift.NIGHT;
    }

    static String text(String field, String value, int max, boolean required) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null && required) {
            throw new DomainValidationException(field, "请填写「" + label(field) + "」");
        }
        if (v != null && v.length() > max) {
            throw new DomainValidationException(field, "「" + label(field) + "」最多" + max + "个字符");
        }
        return v;
    }

    /** The Chinese label of a form field, for messages that name it (rule 4). */
    static String label(String field) {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        return switch (leaf) {
            case "receivedBy" -> "接收人";
            case "reason" -> "原因";
            case "note" -> "备注";
            case "method" -> "销毁方式";
            case "place" -> "销毁地点";
            case "comment" -> "意见";
            case "caseId" -> "案件编号";
            case "field" -> "错误字段";
            case "findings" -> "调查结论";
            case "explanation" -> "差异说明";
            case "handedTo" -> "接班人";
            case "workState" -> "工作状态";
            default -> leaf;
        };
    }
}
