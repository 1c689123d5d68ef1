package cn.healthcard.production;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DatabaseSequences;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.datafile.DataFileWriter;
import cn.healthcard.production.internal.BatchFiles;
import cn.healthcard.production.internal.BatchFiles.BatchCard;
import cn.healthcard.production.internal.ErrorStore;
import cn.healthcard.production.internal.MakerDirectory;
import cn.healthcard.production.internal.OrderStore;
import cn.healthcard.production.internal.OrderStore.Order;
import cn.healthcard.production.internal.PlanStore;
import cn.healthcard.production.internal.PlanStore.Batch;
import cn.healthcard.production.internal.PlanStore.Group;
import cn.healthcard.production.internal.PlanStore.Plan;
import cn.healthcard.production.internal.ProductionSettings;
import cn.healthcard.production.internal.SubmissionSlots;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Production plans (制卡计划, APP-08): a supervisor of a registration centre generates a draft plan from the queued
 * orders of her region and below, grouped by card region and maker (the nearest eligible maker by default), reviews it,
 * may change a group's maker among the eligible ones, and submits it. Submission splits each group into batches of at
 * most {@code healthcard.production.batch-size} cards with stable numbers, builds each batch's sealed data file into
 * the maker's outbox and publishes {@link BatchReleased}. The plan's version makes concurrent submissions safe: one
 * wins, the other gets 409.
 */
@Service
public class ProductionPlans {

    public static final String PLAN_CHANGED = "PRODUCTION_PLAN_CHANGED";
    public static final String NOTHING_QUEUED = "PRODUCTION_NOTHING_QUEUED";
    public static final String NO_MAKER = "PRODUCTION_NO_MAKER";
    /** The error-record kind of a card left out of its batch because its data could not be read. */
    public static final String UNREADABLE = "UNREADABLE";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final OrderStore orders;
    private final PlanStore plans;
    private final MakerDirectory makers;
    private final BatchFiles files;
    private final ErrorStore errors;
    private final InstitutionService institutions;
    private final ProductionSettings settings;
    private final DatabaseSequences sequences;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final SubmissionSlots slots;
    private final TransactionTemplate submitting;

    ProductionPlans(OrderStore orders, PlanStore plans, MakerDirectory makers, BatchFiles files, ErrorStore errors,
                    InstitutionService institutions, ProductionSettings settings, DatabaseSequences sequences,
                    ApplicationEventPublisher events, Clock clock, SubmissionSlots slots,
                    PlatformTransactionManager transactions) {
        this.slots = slots;
        this.submitting = new TransactionTemplate(transactions);
        this.orders = orders;
        this.plans = plans;
        this.makers = makers;
        this.files = files;
        this.errors = errors;
        this.institutions = institutions;
        this.settings = settings;
        this.sequences = sequences;
        this.events = events;
        this.clock = clock;
    }

    /** A plan with its groups. */
    public record PlanView(String id, String planNo, String centreCode, String regionCode, String status,
                           int cardCount, String createdBy, Instant createdAt, String submittedBy,
                           Instant submittedAt, long version, List<GroupView> groups) {
    }

    /** A group: the cards of one region for one maker, and the makers it may go to instead. */
    public record GroupView(String regionCode, String makerCode, int cardCount, List<String> eligibleMakers) {
    }

    /** A batch and its counts. */
    public record BatchView(String batchNo, String planNo, String makerCode, String centreCode, String regionCode,
                            String status, int cardCount, String dataFileName, int produced, int failed,
                            int destroyed, Instant releasedAt, Instant receivedAt) {
    }

    /** Draft plan from every queued order in the supervisor's region and below. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public PlanView generate() {
        CurrentUser user = SecurityContextUsers.require();
        Institution centre = centreOf(user);
        List<Order> queued = orders.queued(user.region().scopePrefix());
        if (queued.isEmpty()) {
            throw new ConflictException(NOTHING_QUEUED, "本辖区没有待制卡的申请");
        }
        Map<String, List<Order>> byRegion = new LinkedHashMap<>();
        queued.forEach(o -> byRegion.computeIfAbsent(o.regionCode(), r -> new ArrayList<>()).add(o));
        String planNo = "JH" + LocalDate.now(clock.withZone(ChinaTime.ZONE)).format(DAY)
                + String.format("%04d", sequences.next("production_plan_seq"));
        Plan plan = plans.createPlan(planNo, centre.code(), user.region().value(), 0, user.username());
        int total = 0;
        for (Map.Entry<String, List<Order>> group : byRegion.entrySet()) {
            var maker = makers.defaultFor(group.getKey());
            if (maker.isEmpty()) {
                continue; // no eligible maker for the region: its orders stay queued
            }
            int taken = orders.plan(group.getValue().stream().map(Order::id).toList(), plan.id());
            if (taken > 0) {
                plans.addGroup(plan.id(), group.getKey(), maker.get().code(), taken);
                total += taken;
            }
        }
        if (total == 0) {
            throw new ConflictException(NO_MAKER, "待制卡申请所在地区没有已备案的制卡机构");
        }
        plans.setCount(plan.id(), total);
        events.publishEvent(new ProductionEvents.ProductionPlanGenerated(planNo, user.region().value(), total));
        return view(plans.plan(plan.id()).orElseThrow());
    }

    /** A plan of the caller's region, with its groups. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','AUDITOR')")
    public PlanView plan(String planNo) {
        return view(visible(planNo));
    }

    /** Plans of the caller's region and below, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','AUDITOR')")
    public List<PlanView> plans(String status, LocalDate from, LocalDate to) {
        CurrentUser user = SecurityContextUsers.require();
        return plans.plans(user.region().scopePrefix(), status, start(from), to == null ? null : start(to.plusDays(1)),
                200).stream().map(this::view).toList();
    }

    /** Changes the maker of a draft plan's group to another eligible maker; {@code version} is the plan's. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public PlanView changeMaker(String planNo, long version, String regionCode, String makerCode) {
        centreOf(SecurityContextUsers.require());
        Plan plan = visible(planNo);
        requireDraft(plan);
        if (plans.groups(plan.id()).stream().noneMatch(g -> g.regionCode().equals(regionCode))) {
            throw new DomainValidationException("regionCode", "计划中没有地区 " + regionCode + " 的分组");
        }
        if (!makers.eligibleFor(makerCode, regionCode)) {
            throw new DomainValidationException("makerCode", "制卡机构 " + makerCode + " 不能承制地区 " + regionCode
                    + " 的卡片（须为已备案且覆盖该地区的制卡机构）");
        }
        if (plans.changeMaker(plan.id(), version, regionCode, makerCode) == 0) {
            throw changed(planNo);
        }
        return view(plans.plan(plan.id()).orElseThrow());
    }

    /**
     * Submits a draft plan at {@code version}: its batches are built, put in the makers' outboxes and released. The
     * transaction begins only once the submission has a slot ({@link SubmissionSlots}: the residents are read in
     * chunk transactions of their own, a second connection, so at most half the pool submits at once).
     *
     * @throws ConflictException {@value #PLAN_CHANGED} when someone else submitted or changed it first
     */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public PlanView submit(String planNo, long version) {
        return slots.run(() -> submitting.execute(t -> submitInSlot(planNo, version)));
    }

    private PlanView submitInSlot(String planNo, long version) {
        centreOf(SecurityContextUsers.require());
        Plan plan = visible(planNo);
        requireDraft(plan);
        // first the row lock: a concurrent submission waits here and then finds the version moved on
        if (plans.submit(plan.id(), version, SecurityContextUsers.actor()) == 0) {
            throw changed(planNo);
        }
        // a maker cancelled, or whose CARD filing lapsed, since the draft receives no sealed file
        for (Group group : plans.groups(plan.id())) {
            if (!makers.eligibleFor(group.makerCode(), group.regionCode())) {
                throw new ConflictException(NO_MAKER, "regionCode", "地区 " + group.regionCode() + " 的制卡机构 "
                        + group.makerCode() + " 已不符合承制条件（须为正常状态、卡片产品备案有效且覆盖该地区），请更换制卡机构");
            }
        }
        List<Order> planned = orders.ofPlan(plan.id());
        int batchSize = settings.batchSize();
        for (Group group : plans.groups(plan.id())) {
            List<Order> cards = planned.stream().filter(o -> o.regionCode().equals(group.regionCode())
                    && o.status() == OrderStore.Status.PLANNED).toList();
            for (int from = 0; from < cards.size(); from += batchSize) {
                release(plan, group, cards.subList(from, Math.min(cards.size(), from + batchSize)));
            }
        }
        events.publishEvent(new ProductionEvents.ProductionPlanSubmitted(plan.planNo(), plan.regionCode(),
                plan.cardCount()));
        return view(plans.plan(plan.id()).orElseThrow());
    }

    /** Drops a draft plan: its orders go back to the queue. */
    @Transactional
    @PreAuthorize("hasRole('SUPERVISOR')")
    public void discard(String planNo, long version) {
        centreOf(SecurityContextUsers.require());
        Plan plan = visible(planNo);
        requireDraft(plan);
        if (plans.discard(plan.id(), version) == 0) {
            throw changed(planNo);
        }
        orders.unplan(plan.id());
        events.publishEvent(new ProductionEvents.ProductionPlanDiscarded(plan.planNo(), plan.regionCode()));
    }

    /** Batches of the caller's region and below, filtered; newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SUPERVISOR','CLERK','AUDITOR')")
    public List<BatchView> batches(String planNo, String batchNo, String status, String makerCode, String regionCode,
                                   LocalDate from, LocalDate to) {
        CurrentUser user = SecurityContextUsers.require();
        String prefix = user.region().scopePrefix();
        if (regionCode != null) {
            if (!regionCode.matches("\\d{6}")) {
                throw new DomainValidationException("regionCode", "「地区」应为 6 位行政区划代码");
            }
            if (!user.canSee(regionCode)) {
                return List.of();
            }
            prefix = cn.healthcard.common.RegionCode.of(regionCode).scopePrefix();
        }
        String planId = null;
        if (planNo != null) {
            planId = visible(planNo).id();
        }
        final String scope = prefix;
        return plans.batches(planId, batchNo, makerCode, status, scope, start(from),
                to == null ? null : start(to.plusDays(1)), 500).stream().map(this::view).toList();
    }

    /**
     * Re-releases a batch still RELEASED whose data file the maker refused or cannot find (PER-02): a new sealed file
     * with the next sequence goes to the maker's outbox, the old one is superseded (removed after commit), audited.
     * SUPERVISOR of a registration centre whose region covers the batch; 404 outside it; 409
     * {@code PRODUCTION_NOT_RELEASED} once the maker received it. It reads its residents like a submission (a second
     * connection per chunk), so it runs in a {@link SubmissionSlots} slot too, taken before its transaction.
     */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public BatchView rerelease(String batchNo) {
        return slots.run(() -> submitting.execute(t -> rereleaseInSlot(batchNo)));
    }

    private BatchView rereleaseInSlot(String batchNo) {
        CurrentUser user = SecurityContextUsers.require();
        centreOf(user);
        if (batchNo == null || !batchNo.matches("[A-Z0-9-]{1,32}")) {
            throw new DomainValidationException("batchNo", "「批次号」应为 1–32 位大写字母、数字或连字符");
        }
        Batch batch = plans.batch(batchNo).filter(b -> user.canSee(b.regionCode()))
                .orElseThrow(() -> new NotFoundException("批次不存在: " + batchNo));
        if (!"RELEASED".equals(batch.status())) {
            throw new ConflictException("PRODUCTION_NOT_RELEASED", "batchNo", "批次 " + batchNo + " 的状态为 "
                    + batch.status() + "，制卡机构已接收，不能重新下发");
        }
        List<BatchCard> cards = orders.ofBatch(batchNo).stream()
                .map(o -> new BatchCard(o.caseId(), o.residentId(), o.regionCode(), o.cardNo())).toList();
        int seq = batch.fileSeq() + 1;
        BatchFiles.Written written = files.write(batchNo, batch.makerCode(), batch.centreCode(), batch.regionCode(),
                seq, cards, c -> c.cardNo());
        if (written.sealed() == null) {
            throw new ConflictException("PRODUCTION_NO_READABLE_CARD", "batchNo", "批次 " + batchNo
                    + " 中没有一张卡的制卡数据可以读取，请先更正居民档案");
        }
        drop(batchNo, written.rejected());
        DataFileWriter.Sealed sealed = written.sealed();
        if (!plans.reissue(batchNo, batch.fileSeq(), seq, sealed.fileName(), sealed.digest(),
                written.cards().size())) {
            throw new ConflictException("PRODUCTION_NOT_RELEASED", "batchNo", "批次 " + batchNo + " 已被他人重新下发或已接收");
        }
        files.supersede(batch.makerCode(), batch.dataFileName());
        events.publishEvent(new ProductionEvents.ProductionBatchReissued(batchNo, batch.regionCode(), batch.makerCode(),
                batch.dataFileName(), sealed.fileName(), seq, user.username()));
        return view(plans.batch(batchNo).orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    private void release(Plan plan, Group group, List<Order> cards) {
        String batchNo = "PC" + LocalDate.now(clock.withZone(ChinaTime.ZONE)).format(DAY)
                + String.format("%02d", sequences.next("production_batch_seq"));
        List<BatchCard> batchCards = cards.stream()
                .map(o -> new BatchCard(o.caseId(), o.residentId(), o.regionCode(), null)).toList();
        // a card gets its number only once its data were read: a card left out uses none
        BatchFiles.Written written = files.write(batchNo, group.makerCode(), plan.centreCode(), group.regionCode(), 1,
                batchCards, c -> c.regionCode() + String.format("%012d", sequences.next("card_no_seq")));
        drop(batchNo, written.rejected());
        if (written.sealed() == null) {
            return; // not one card of the batch could be read: no batch, every card is an error record
        }
        Map<String, Order> byCase = new LinkedHashMap<>();
        cards.forEach(o -> byCase.put(o.caseId(), o));
        List<Order> released = written.cards().stream().map(c -> byCase.get(c.caseId())).toList();
        orders.release(released, written.cards().stream().map(BatchCard::cardNo).toList(), batchNo);
        DataFileWriter.Sealed sealed = written.sealed();
        plans.addBatch(batchNo, plan.id(), group.makerCode(), plan.centreCode(), group.regionCode(), released.size(), 1,
                sealed.fileName(), sealed.digest());
        events.publishEvent(new ProductionEvents.ProductionBatchReleased(batchNo, group.regionCode(), plan.planNo(),
                group.makerCode(), released.size(), sealed.fileName()));
        events.publishEvent(new BatchReleased(batchNo, plan.planNo(), group.makerCode(), plan.centreCode(),
                group.regionCode(), released.size(), sealed.fileName()));
    }

    /**
     * Cards whose data could not be read or make no card leave their batch as error records (制卡差错, kind
     * {@code UNREADABLE}, PER-04): the order waits in ERROR for the issuer's correction and resend.
     */
    private void drop(String batchNo, List<BatchFiles.Rejected> rejected) {
        for (BatchFiles.Rejected r : rejected) {
            orders.error(r.card().caseId());
            errors.add(r.card().caseId(), batchNo, r.card().regionCode(), UNREADABLE, r.field(), r.reason(),
                    SecurityContextUsers.actor());
            events.publishEvent(new ProductionEvents.ProductionErrorReported(r.card().caseId(), r.card().regionCode(),
                    batchNo, r.field(), UNREADABLE));
        }
    }

    private Institution centreOf(CurrentUser user) {
        Institution centre = user.institutionCode() == null ? null : institutions.get(user.institutionCode());
        if (centre == null || centre.kind() != InstitutionKind.REGISTRATION_CENTRE) {
            throw new ConflictException("PRODUCTION_NOT_A_CENTRE", "只有注册管理中心的审核员可以编制制卡计划");
        }
        return centre;
    }

    private Plan visible(String planNo) {
        if (planNo == null || !planNo.matches("[A-Z0-9-]{1,32}")) {
            throw new DomainValidationException("planNo", "「计划编号」应为 1–32 位大写字母、数字或连字符");
        }
        Plan plan = plans.plan(planNo).filter(p -> p.planNo().equals(planNo))
                .orElseThrow(() -> new NotFoundException("制卡计划不存在: " + planNo));
        if (!SecurityContextUsers.require().canSee(plan.regionCode())) {
            throw new NotFoundException("制卡计划不存在: " + planNo);
        }
        return plan;
    }

    private static void requireDraft(Plan plan) {
        if (!"DRAFT".equals(plan.status())) {
            throw new ConflictException(PLAN_CHANGED, "version", "制卡计划 " + plan.planNo() + " 已" +
                    ("SUBMITTED".equals(plan.status()) ? "提交" : "作废") + "，不能再修改或提交");
        }
    }

    private static ConflictException changed(String planNo) {
        return new ConflictException(PLAN_CHANGED, "version", "制卡计划 " + planNo + " 已被他人修改或提交，请刷新后重试");
    }

    private static Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ChinaTime.ZONE).toInstant();
    }

    private PlanView view(Plan p) {
        List<GroupView> groups = plans.groups(p.id()).stream().map(g -> new GroupView(g.regionCode(), g.makerCode(),
                g.cardCount(), makers.eligibleFor(g.regionCode()).stream().map(Institution::code).toList())).toList();
        return new PlanView(p.id(), p.planNo(), p.centreCode(), p.regionCode(), p.status(), p.cardCount(),
                p.createdBy(), p.createdAt(), p.submittedBy(), p.submittedAt(), p.version(), groups);
    }

    private BatchView view(Batch b) {
        String planNo = plans.plan(b.planId()).map(Plan::planNo).orElse(null);
        return new BatchView(b.batchNo(), planNo, b.makerCode(), b.centreCode(), b.regionCode(), b.status(),
                b.cardCount(), b.dataFileName(), b.produced(), b.failed(), b.destroyed(), b.releasedAt(),
                b.receivedAt());
    }
}
