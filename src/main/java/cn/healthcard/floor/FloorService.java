package cn.healthcard.floor;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorEvents.BatchBoxesSealed;
import cn.healthcard.floor.FloorEvents.BatchCounted;
import cn.healthcard.floor.FloorEvents.BatchFileReceived;
import cn.healthcard.floor.FloorEvents.BatchFileRefused;
import cn.healthcard.floor.FloorEvents.BatchProductionRecorded;
import cn.healthcard.floor.FloorEvents.BatchSignedOff;
import cn.healthcard.floor.FloorEvents.CardErrorReported;
import cn.healthcard.floor.FloorEvents.DestructionCoSigned;
import cn.healthcard.floor.FloorEvents.HandoverConfirmed;
import cn.healthcard.floor.FloorEvents.HandoverRecorded;
import cn.healthcard.floor.FloorEvents.ProductionRunConfirmed;
import cn.healthcard.floor.FloorEvents.ScrapRecorded;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Count;
import cn.healthcard.floor.FloorViews.Handover;
import cn.healthcard.production.BatchProductionFinished;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.ProducedCard;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.production.datafile.DataFileRefusedException;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The case of one batch at the card maker ({@code processes/production-batch-handover.bpmn}, decision 028): the system
 * steps (receipt, production, the sealed boxes handed on, escalation) and the people's steps (two-person start,
 * hand-over forms, scrap and destruction record, double count, lead's sign-off, sealing, two-person close). The
 * two-person rules and the lead are enforced here, not only in the forms. Views, REST and the delegates come through
 * here; every step is audited and written to the production log.
 */
@Service
public class FloorService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FloorService.class);

    public static final String PROCESS_KEY = "production-batch-handover";
    public static final String MESSAGE_PRODUCED = "BatchProductionFinished";
    /** Process variable: the batch's maker; the user tasks go to {@code PRODUCTION@<makerCode>} only. */
    public static final String MAKER_CODE = "makerCode";
    public static final String START_TASK = "confirmStart";
    public static final String HANDOVER_TASK = "handOver";
    public static final String SCRAP_TASK = "recordScrap";
    public static final String DESTRUCTION_TASK = "coSignDestruction";
    public static final String FIRST_COUNT_TASK = "firstCount";
    public static final String SECOND_COUNT_TASK = "secondCount";
    public static final String SIGN_OFF_TASK = "leadSignOff";
    public static final String SEAL_TASK = "sealBoxes";
    public static final String CLOSE_TASK = "closeRun";
    public static final int MAX_CARDS_PER_BOX = 1000;

    private final FloorRecords records;
    private final FloorAccess access;
    private final FloorStock stock;
    private final FloorStaff staff;
    private final ProductionLine line;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final ApplicationEventPublisher events;
    private final HandoverDiscrepancies discrepancies;

    FloorService(FloorRecords records, FloorAccess access, FloorStock stock, FloorStaff staff,
                 ProductionLine line, ProcessGateway processes, TaskInboxService inbox,
                 CaseTasks tasks, ApplicationEventPublisher events, HandoverDiscrepancies discrepancies) {
        this.discrepancies = discrepancies;
        this.records = records;
        this.access = access;
        this.stock = stock;
        this.staff = staff;
        this.line = line;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.events = events;
    }

    // ---------------------------------------------------------------- the system's steps

    /**
     * Receipt of the data file (PER-02): through the production line, which verifies, unwraps and records the
     * deletion. A refused file is recorded on the batch with its reason (the case ends); empty when received.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public Optional<String> receive(String batchNo) {
        Batch b = records.require(batchNo);
        try {
            int n = line.receive(batchNo);
            records.update(batchNo, BatchStatus.RECEIVED, "received_count", n);
            events.publishEvent(new BatchFileReceived(batchNo, b.regionCode(), n));
            stock.log(b.makerCode(), b.regionCode(), batchNo, "STEP", "接收数据文件 " + b.dataFileName() + "，" + n
                    + " 条记录，接收设备上的文件已删除");
            return Optional.empty();
        } catch (DataFileRefusedException refused) {
            String reason = refused.getMessage();
            records.update(batchNo, BatchStatus.REFUSED, "refusal", reason.length() > 500 ? reason.substring(0, 500)
                    : reason);
            events.publishEvent(new BatchFileRefused(batchNo, b.regionCode(), refused.reason().code()));
            stock.log(b.makerCode(), b.regionCode(), batchNo, "STEP", "拒收数据文件：" + refused.reason().message());
            return Optional.of(reason);
        }
    }

    /** Hands the batch to the line; true when its answer is recorded already (the case does not wait then). */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean startProduction(String batchNo) {
        Batch b = records.lock(batchNo).orElseThrow(() -> new IllegalStateException("unknown batch " + batchNo));
        if (b.produced() != null) {
            return true;
        }
        line.startProduction(batchNo);
        if (records.require(batchNo).produced() != null) {
            return true; // answered within the call
        }
        records.update(batchNo, BatchStatus.IN_PRODUCTION, null, null);
        stock.log(b.makerCode(), b.regionCode(), batchNo, "STEP", "批次交个人化生产线");
        return false;
    }

    /**
     * The line answered for every card: the counts are recorded, blanks consumed (white out, destroyed as white
     * scrap), semi-finished cards in, and the case moves on to the hand-over forms. An unknown batch is ignored.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean productionFinished(BatchProductionFinished e) {
        Optional<Batch> found = records.lock(e.batchNo());
        if (found.isEmpty() || found.get().produced() != null) {
            return false;
        }
        if (!found.get().makerCode().equals(e.makerCode()) || !EnumSet.of(BatchStatus.STARTING,
                BatchStatus.IN_PRODUCTION).contains(found.get().status())) {
            log.warn("answer for batch {} of {} ignored: batch {} at {}", e.batchNo(), e.makerCode(),
                    found.get().status(), found.get().makerCode());
            return false;
        }
        Batch b = found.get();
        records.produced(b.batchNo(), e.produced(), e.failed(), e.destroyed());
        stock.move(b.makerCode(), b.regionCode(), Stock.WHITE, Direction.OUT, e.produced(), b.batchNo(), "个人化领用");
        stock.move(b.makerCode(), b.regionCode(), Stock.WHITE, Direction.SCRAP, e.destroyed(), b.batchNo(),
                "生产线销毁");
        stock.move(b.makerCode(), b.regionCode(), Stock.SEMI, Direction.IN, e.produced(), b.batchNo(), "个人化完成");
        events.publishEvent(new BatchProductionRecorded(b.batchNo(), b.regionCode(), e.produced(), e.failed(),
                e.destroyed()));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "STEP", "个人化完成：成功 " + e.produced() + "，失败 "
                + e.failed() + "，销毁 " + e.destroyed());
        // false when the case is not waiting yet: the start of production (row locked before us) then sees the answer
        processes.correlate(MESSAGE_PRODUCED, b.batchNo(), Map.of());
        return true;
    }

    /** Publishes the sealed boxes ({@code BatchSealed}) for production and logistics. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public BatchSealed publishSealed(String batchNo) {
        Batch b = records.require(batchNo);
        List<BatchSealed.SealedBox> boxes = records.boxes(batchNo).stream()
                .map(x -> new BatchSealed.SealedBox(x.boxNo(), x.sealNo(), records.boxCards(x.boxNo()))).toList();
        BatchSealed sealed = new BatchSealed(batchNo, b.makerCode(), b.centreCode(), boxes);
        events.publishEvent(sealed);
        stock.log(b.makerCode(), b.regionCode(), batchNo, "STEP", boxes.size() + " 箱封箱入库，待发运至 "
                + b.centreCode());
        return sealed;
    }

    // ---------------------------------------------------------------- the people's steps

    /**
     * Two-person start (PER-06): the first confirmation is recorded and the task stays open; a second, different
     * person completes it (403 for the same person). 409 while the daily reconciliation shows an open mismatch.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Batch confirmStart(String taskId) {
        Batch b = step(taskId, START_TASK);
        stock.requireNoOpenMismatch(b.makerCode());
        CurrentUser me = SecurityContextUsers.require();
        if (b.startFirstBy() == null) {
            records.update(b.batchNo(), BatchStatus.STARTING, "start_first_by", me.username());
            events.publishEvent(new ProductionRunConfirmed(b.batchNo(), b.regionCode(), "start", 1));
            releaseForSecondPerson(taskId, me);
            return records.require(b.batchNo());
        }
        Review.approve().requireSecondPerson(b.startFirstBy(), me.username(), "开工须由两名不同的人员分别确认");
        records.update(b.batchNo(), BatchStatus.STARTING, "start_second_by", me.username());
        events.publishEvent(new ProductionRunConfirmed(b.batchNo(), b.regionCode(), "start", 2));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "STEP", "双人确认开工：" + b.startFirstBy() + "、"
                + me.username());
        inbox.complete(taskId, Map.of());
        return records.require(b.batchNo());
    }

    /**
     * A hand-over (PER-07), two calls on one task: the person handing over fills in the form for the next step in
     * order (counts in = good + damaged + rework, 400 on {@code countIn}; the first step takes all produced cards, each
     * later one the previous step's good and rework; the receiver another production person of the maker, 400 on
     * {@code receivedBy}) and the task stays open; the named receiver confirms blind with the counts he received (the
     * one who handed over, or anyone else, 403; a differing count 400, recorded: {@link HandoverDiscrepancies}).
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Handover handOver(String taskId, HandoverForm form) {
        Batch b = step(taskId, HANDOVER_TASK);
        records.lock(b.batchNo()); // two first submissions for a step: one waits, then sees the other's form
        stock.requireNoOpenMismatch(b.makerCode());
        List<Handover> done = records.handovers(b.batchNo());
        CurrentUser me = SecurityContextUsers.require();
        Handover open = done.isEmpty() || done.get(done.size() - 1).confirmed() ? null : done.get(done.size() - 1);
        HandoverStep expected = open != null ? open.step()
                : HandoverStep.values()[Math.min(done.size(), HandoverStep.values().length - 1)];
        if (form.step() != expected) {
            throw new DomainValidationException("step", "当前应交接「" + expected.nameZh() + "」工序");
        }
        if (open != null) {
            return confirmHandover(taskId, b, open, form, me);
        }
        String to = FloorStock.text("receivedBy", form.receivedBy(), 64, true);
        if (to.equals(me.username()) || !staff.isProductionPersonOf(b.makerCode(), to)) {
            throw new DomainValidationException("receivedBy", "「接收人」须为本制卡机构的另一名制卡人员（用户名）");
        }
        FloorChecks.handoverCounts(form, done.isEmpty() ? b.produced() : done.get(done.size() - 1).good()
                + done.get(done.size() - 1).rework());
        String id = UUID.randomUUID().toString();
        records.insertHandover(id, b.batchNo(), form.step().name(), me.username(), to, form.countIn(), form.good(),
                form.damaged(), form.rework());
        events.publishEvent(new HandoverRecorded(b.batchNo(), b.regionCode(), form.step().name(), to, form.countIn(),
                form.good(), form.damaged(), form.rework()));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "HANDOVER", form.step().nameZh() + " 工序交出 "
                + me.username() + " → " + to + "（待接收人盲点确认）"); // no counts: the receiver reads the log
        releaseForSecondPerson(taskId, me);
        return records.handovers(b.batchNo()).stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

    /** Withdraws an unconfirmed hand-over form (a disputed count, a receiver who cannot confirm): the person who
     *  handed over or the maker's lead only (else 403), audited; the task stays open for a new form (PER-07). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public void withdrawHandover(String taskId) {
        Batch b = step(taskId, HANDOVER_TASK);
        records.lock(b.batchNo());
        List<Handover> done = records.handovers(b.batchNo());
        Handover open = done.isEmpty() || done.get(done.size() - 1).confirmed() ? null : done.get(done.size() - 1);
        if (open == null) {
            throw new ConflictException("FLOOR_NO_OPEN_HANDOVER", "step", "没有待接收人确认的交接单可撤回");
        }
        String me = SecurityContextUsers.require().username();
        if (!me.equals(open.handedBy()) && !staff.isLead(b.makerCode(), me)) {
            throw new AccessDeniedException("交接单只能由交出人 " + open.handedBy() + " 或生产组长撤回");
        }
        records.deleteHandover(open.id());
        events.publishEvent(new FloorEvents.HandoverWithdrawn(b.batchNo(), b.regionCode(), open.step().name(),
                open.handedBy(), me));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "HANDOVER", open.step().nameZh() + " 工序交接单（"
                + open.handedBy() + " → " + open.receivedBy() + "）未经确认，由 " + me + " 撤回");
    }

    private Handover confirmHandover(String taskId, Batch b, Handover open, HandoverForm form, CurrentUser me) {
        Review.approve().requireSecondPerson(open.handedBy(), me.username(), "交接须由接收工序的人员确认，交出人不能自行确认");
        if (!me.username().equals(open.receivedBy())) {
            throw new AccessDeniedException("交接单的接收人是 " + open.receivedBy() + "，须由其本人确认");
        }
        FloorChecks.balanced(form);
        discrepancies.check(b, open, form, me.username());
        records.confirmHandover(open.id(), me.username());
        records.update(b.batchNo(), BatchStatus.HANDED_OVER, null, null);
        events.publishEvent(new HandoverConfirmed(b.batchNo(), b.regionCode(), open.step().name(), open.handedBy(),
                open.countIn()));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "HANDOVER", open.step().nameZh() + " 工序交接 "
                + open.handedBy() + " → " + me.username() + "：接收人确认，接收 " + open.countIn()
                + "，合格 " + open.good() + "，损坏 " + open.damaged() + "，返工 " + open.rework());
        inbox.complete(taskId, Map.of("handoverDone", open.step().last()));
        return records.handovers(b.batchNo()).stream().filter(h -> h.id().equals(open.id())).findFirst()
                .orElseThrow();
    }

    /**
     * Scrap and the destruction record (PER-08): each card entry names a produced card of the batch (400 on
     * {@code entries[i].cardNo}) and is reported to production; module entries carry a quantity. Damaged cards of the
     * hand-over forms must all be entered (400 on {@code entries}). A second person co-signs the record next.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BatchRecord recordScrap(String taskId, ScrapForm form) {
        Batch b = step(taskId, SCRAP_TASK);
        stock.requireNoOpenMismatch(b.makerCode());
        Set<String> produced = new HashSet<>(line.producedCards(b.batchNo()).stream()
                .map(ProducedCard::cardNo).toList());
        int damagedOnForms = records.handovers(b.batchNo()).stream().mapToInt(Handover::damaged).sum();
        int[] counted = FloorChecks.scrapEntries(form, produced, damagedOnForms);
        int cards = counted[0];
        int modules = counted[1];
        String method = FloorStock.text("method", form.method(), 100, true);
        String place = FloorStock.text("place", form.place(), 100, true);
        CurrentUser me = SecurityContextUsers.require();
        for (ScrapEntry e : form.entries()) {
            String cardNo = e.category().card() ? e.cardNo().strip() : null;
            records.insertScrap(UUID.randomUUID().toString(), b.batchNo(), b.makerCode(), e.category().name(), cardNo,
                    e.category().card() ? 1 : e.quantity(), e.reason().strip(), stock.today(), me.username());
            if (cardNo != null) {
                line.reportScrapped(b.batchNo(), cardNo, e.category().nameZh() + "：" + e.reason().strip());
            }
        }
        records.insertDestruction(b.batchNo(), method, place, cards + modules, me.username());
        stock.move(b.makerCode(), b.regionCode(), Stock.SEMI, Direction.SCRAP, cards, b.batchNo(), "报废卡");
        records.update(b.batchNo(), BatchStatus.SCRAP_RECORDED, null, null);
        events.publishEvent(new ScrapRecorded(b.batchNo(), b.regionCode(), cards, modules));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "SCRAP", "报废登记：卡 " + cards + " 张，模块 " + modules
                + " 个；销毁方式 " + method);
        inbox.complete(taskId, Map.of());
        return records.record(b.batchNo());
    }

    /** The second signature on the destruction record (403 for the person who filled it in). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BatchRecord coSignDestruction(String taskId) {
        Batch b = step(taskId, DESTRUCTION_TASK);
        CurrentUser me = SecurityContextUsers.require();
        var d = records.destruction(b.batchNo()).orElseThrow();
        Review.approve().requireSecondPerson(d.recordedBy(), me.username(), "销毁记录单须由另一人会签");
        records.coSignDestruction(b.batchNo(), me.username());
        records.update(b.batchNo(), BatchStatus.COUNTING, null, null);
        events.publishEvent(new DestructionCoSigned(b.batchNo(), b.regionCode(), d.recordedBy()));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "SCRAP", "销毁记录单会签：" + d.recordedBy() + "、"
                + me.username());
        inbox.complete(taskId, Map.of());
        return records.record(b.batchNo());
    }

    /**
     * One count of the double count (PER-11): the first count of a round, then the second by another person (403).
     * Both equal to each other and to the good cards (produced − scrapped) → on to the lead; otherwise a recount.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Count count(String taskId, Integer counted) {
        String taskKey = anyOf(taskId, FIRST_COUNT_TASK, SECOND_COUNT_TASK).taskDefinitionKey();
        Batch b = step(taskId, taskKey);
        int n = FloorChecks.quantity("counted", counted);
        CurrentUser me = SecurityContextUsers.require();
        List<Count> counts = records.counts(b.batchNo());
        int round = counts.isEmpty() ? 1 : counts.get(counts.size() - 1).roundNo()
                + (counts.get(counts.size() - 1).whichCount() == 2 ? 1 : 0);
        Map<String, Object> variables = new HashMap<>();
        if (FIRST_COUNT_TASK.equals(taskKey)) {
            records.insertCount(UUID.randomUUID().toString(), b.batchNo(), round, 1, n, me.username());
            events.publishEvent(new BatchCounted(b.batchNo(), b.regionCode(), round, 1, n));
        } else {
            Count first = counts.get(counts.size() - 1);
            Review.approve().requireSecondPerson(first.countedBy(), me.username(), "第二次清点须由另一人进行");
            records.insertCount(UUID.randomUUID().toString(), b.batchNo(), first.roundNo(), 2, n, me.username());
            events.publishEvent(new BatchCounted(b.batchNo(), b.regionCode(), first.roundNo(), 2, n));
            boolean match = first.counted() == n && n == goodCards(b);
            variables.put("countsMatch", match);
            records.update(b.batchNo(), match ? BatchStatus.COUNTED : BatchStatus.COUNTING, null, null);
            stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "COUNT", "第 " + first.roundNo() + " 轮清点："
                    + first.countedBy() + " " + first.counted() + "，" + me.username() + " " + n
                    + (match ? "，一致" : "，不一致，重新清点"));
        }
        inbox.complete(taskId, variables);
        return records.counts(b.batchNo()).stream().reduce((x, y) -> y).orElseThrow();
    }

    /** The lead's sign-off after a matching double count (403 for anyone not lead of the maker, or a counter). */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Batch signOff(String taskId, String comment) {
        Batch b = step(taskId, SIGN_OFF_TASK);
        CurrentUser me = SecurityContextUsers.require();
        if (!staff.isLead(b.makerCode(), me.username()) || records.countedLastRound(b.batchNo(), me.username())) {
            throw new AccessDeniedException("只有未参与本轮清点的本制卡机构生产组长可以签字确认");
        }
        String text = FloorStock.text("comment", comment, 500, false);
        records.update(b.batchNo(), BatchStatus.SIGNED_OFF, "signed_off_by", me.username());
        records.update(b.batchNo(), BatchStatus.SIGNED_OFF, "signed_off_at", records.now());
        events.publishEvent(new BatchSignedOff(b.batchNo(), b.regionCode(), text));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "SIGNOFF", "组长签字确认" + (text == null ? "" : "：" + text));
        inbox.complete(taskId, Map.of());
        return records.require(b.batchNo());
    }

    /**
     * Boxing and sealing (PER-11): the good cards (produced minus scrapped, ascending) in boxes of
     * {@code cardsPerBox} (400), numbered {@code <batch>-001…}; one new, unused seal number per box in box order
     * (400 on {@code sealNos}). Semi-finished out, finished in.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public BatchRecord seal(String taskId, SealForm form) {
        Batch b = step(taskId, SEAL_TASK);
        stock.requireNoOpenMismatch(b.makerCode());
        if (form.cardsPerBox() == null || form.cardsPerBox() < 1 || form.cardsPerBox() > MAX_CARDS_PER_BOX) {
            throw new DomainValidationException("cardsPerBox", "「每箱卡数」应为 1–" + MAX_CARDS_PER_BOX);
        }
        Set<String> scrapped = new HashSet<>();
        records.scraps(b.batchNo()).forEach(s -> {
            if (s.cardNo() != null) {
                scrapped.add(s.cardNo());
            }
        });
        List<String> cards = line.producedCards(b.batchNo()).stream().map(ProducedCard::cardNo)
                .filter(c -> !scrapped.contains(c)).sorted().toList();
        int counted = records.counts(b.batchNo()).stream().reduce((x, y) -> y).map(Count::counted).orElse(-1);
        if (cards.size() != counted) {
            throw new ConflictException("COUNT_MISMATCH", "cardsPerBox", "生产线登记的合格卡 " + cards.size()
                    + " 张与双人清点的 " + counted + " 张不符，不能封箱");
        }
        int boxes = (cards.size() + form.cardsPerBox() - 1) / form.cardsPerBox();
        List<String> seals = form.sealNos().stream().map(s -> s == null ? "" : s.strip()).toList();
        if (seals.size() != boxes) {
            throw new DomainValidationException("sealNos", cards.size() + " 张卡装 " + boxes + " 箱，须填写 " + boxes
                    + " 个封签号（已填 " + seals.size() + " 个）");
        }
        Set<String> unique = new HashSet<>();
        for (String s : seals) {
            if (!s.matches("[A-Za-z0-9-]{4,40}") || !unique.add(s) || records.sealUsed(s)) {
                throw new DomainValidationException("sealNos", "封签号 " + s + " 格式不正确或已使用");
            }
        }
        CurrentUser me = SecurityContextUsers.require();
        for (int i = 0; i < boxes; i++) {
            List<String> in = cards.subList(i * form.cardsPerBox(), Math.min(cards.size(), (i + 1) * form.cardsPerBox()));
            records.insertBox(b.batchNo() + "-" + String.format("%03d", i + 1), b.batchNo(), b.makerCode(),
                    seals.get(i), new ArrayList<>(in), me.username());
        }
        stock.move(b.makerCode(), b.regionCode(), Stock.SEMI, Direction.OUT, cards.size(), b.batchNo(), "装箱");
        stock.move(b.makerCode(), b.regionCode(), Stock.FINISHED, Direction.IN, cards.size(), b.batchNo(), "封箱入库");
        records.update(b.batchNo(), BatchStatus.SEALED, "sealed_cards", cards.size());
        events.publishEvent(new BatchBoxesSealed(b.batchNo(), b.regionCode(), boxes, cards.size()));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "SEAL", cards.size() + " 张卡装 " + boxes + " 箱并封签");
        inbox.complete(taskId, Map.of());
        return records.record(b.batchNo());
    }

    /** Two-person close of the run (PER-06): like the start, two different people. */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public Batch confirmClose(String taskId) {
        Batch b = step(taskId, CLOSE_TASK);
        CurrentUser me = SecurityContextUsers.require();
        if (b.closeFirstBy() == null) {
            records.update(b.batchNo(), BatchStatus.CLOSING, "close_first_by", me.username());
            events.publishEvent(new ProductionRunConfirmed(b.batchNo(), b.regionCode(), "close", 1));
            releaseForSecondPerson(taskId, me);
            return records.require(b.batchNo());
        }
        Review.approve().requireSecondPerson(b.closeFirstBy(), me.username(), "收工须由两名不同的人员分别确认");
        records.update(b.batchNo(), BatchStatus.CLOSED, "close_second_by", me.username());
        events.publishEvent(new ProductionRunConfirmed(b.batchNo(), b.regionCode(), "close", 2));
        stock.log(b.makerCode(), b.regionCode(), b.batchNo(), "STEP", "双人确认收工：" + b.closeFirstBy() + "、"
                + me.username());
        inbox.complete(taskId, Map.of());
        return records.require(b.batchNo());
    }

    /**
     * A card of the batch that cannot be made from the data as sent (PER-04): the maker never changes data; the error
     * record goes back to the issuer through production. 400 by field; 409 unless in production; 404 for
     * a case that is not in the batch; a repeat for the same case and field sends nothing twice.
     */
    @Transactional
    @PreAuthorize("hasRole('PRODUCTION')")
    public void reportCardError(String batchNo, String caseId, String field, String reason) {
        Batch b = access.actionable(batchNo);
        String c = FloorStock.text("caseId", caseId, 64, true);
        String f = FloorStock.text("field", field, 64, true);
        String r = FloorStock.text("reason", reason, 500, true);
        if (b.status() != BatchStatus.IN_PRODUCTION) { // the line takes error records only while it makes the batch
            throw new ConflictException("BATCH_NOT_IN_PRODUCTION", "batchNo", "批次" + b.status().nameZh()
                    + "，只有生产中的批次可以报送错误记录");
        }
        String entry = "报送错误记录：" + c + " " + f;
        if (stock.logged(b.makerCode(), batchNo, "ERROR", entry)) {
            return; // reported already: one error record per card and field
        }
        line.reportError(batchNo, c, f, r); // 404 for a case that is not in the batch
        events.publishEvent(new CardErrorReported(batchNo, b.regionCode(), c, f, r));
        stock.log(b.makerCode(), b.regionCode(), batchNo, "ERROR", entry);
    }

    // ---------------------------------------------------------------- reads

    /** The batches the caller sees: own maker's, or the region's for supervisors and auditors. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SUPERVISOR','AUDITOR')")
    public List<Batch> batches() {
        return access.visible();
    }

    /** A batch with its forms, counts and boxes (404 when not visible). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SUPERVISOR','AUDITOR','SYSTEM')")
    public BatchRecord batch(String batchNo) {
        return blind(records.record(access.readable(batchNo).batchNo()));
    }

    /** The batch behind one of its open tasks (for the forms; 404/409 like every task). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public BatchRecord forTask(String taskId) {
        var ref = anyOf(taskId, START_TASK, HANDOVER_TASK, SCRAP_TASK, DESTRUCTION_TASK, FIRST_COUNT_TASK,
                SECOND_COUNT_TASK, SIGN_OFF_TASK, SEAL_TASK, CLOSE_TASK);
        return blind(records.record(access.actionable(ref.businessKey()).batchNo()));
    }

    /** Blind double count (PER-11) and blind hand-over confirmation (PER-07): {@link BatchRecord#seenBy}. */
    private static BatchRecord blind(BatchRecord r) {
        CurrentUser me = SecurityContextUsers.require();
        return r.seenBy(me.username(), r.batch().status() == BatchStatus.COUNTING && me.has(Role.PRODUCTION));
    }

    /** The round of the double count now open (1 before the first count). */
    public int countRound(Batch b) {
        return records.countRound(b.batchNo());
    }

    /** The number of good cards to count: produced minus scrapped. */
    public int goodCards(Batch b) {
        long scrappedCards = records.scraps(b.batchNo()).stream().filter(s -> s.cardNo() != null).count();
        return (b.produced() == null ? 0 : b.produced()) - (int) scrappedCards;
    }

    /**
     * The open task of a batch at a step, for operations addressed by batch (REST): 404 when the caller may not act on
     * the batch, 409 {@code NOT_AT_STEP} when the batch is elsewhere.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public String taskAt(String batchNo, String taskKey) {
        Batch b = access.actionable(batchNo);
        return tasks.requireAt(b.batchNo(), Set.of(PROCESS_KEY), taskKey, taskKey).taskId();
    }

    /** The open task of the batch, whichever of the two count steps it waits at (REST). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('PRODUCTION')")
    public String countTaskAt(String batchNo) {
        Batch b = access.actionable(batchNo);
        try {
            return tasks.requireAt(b.batchNo(), Set.of(PROCESS_KEY), FIRST_COUNT_TASK, "第一次清点").taskId();
        } catch (ConflictException notFirst) {
            return tasks.requireAt(b.batchNo(), Set.of(PROCESS_KEY), SECOND_COUNT_TASK, "清点").taskId();
        }
    }

    private TaskRef anyOf(String taskId, String... taskKeys) {
        TaskRef ref = inbox.get(taskId);
        if (!PROCESS_KEY.equals(ref.processDefinitionKey()) || !List.of(taskKeys).contains(ref.taskDefinitionKey())) {
            throw new ConflictException(CaseTasks.WRONG_TASK, "任务「" + ref.name() + "」不是此操作的任务");
        }
        return ref;
    }

    /** After the first of two confirmations the task stays open for a second person: unclaimed if I had taken it. */
    private void releaseForSecondPerson(String taskId, CurrentUser me) {
        if (me.username().equals(inbox.get(taskId).assignee())) {
            inbox.unclaim(taskId);
        }
    }

    private Batch step(String taskId, String taskKey) {
        return access.actionable(tasks.require(taskId, PROCESS_KEY, taskKey).businessKey());
    }

}
