package cn.healthcard.production;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.production.CardProductionPort.BatchOrder;
import cn.healthcard.production.CardProductionPort.CardOrder;
import cn.healthcard.production.ProductionEvents.ProductionBatchReceived;
import cn.healthcard.production.ProductionEvents.ProductionCardScrapped;
import cn.healthcard.production.ProductionEvents.ProductionDataFileDeleted;
import cn.healthcard.production.ProductionEvents.ProductionErrorReported;
import cn.healthcard.production.ProductionEvents.ProductionResultsApplied;
import cn.healthcard.production.datafile.DataFileRefusedException;
import cn.healthcard.production.datafile.DataFileService;
import cn.healthcard.production.internal.CompletionStore;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.production.internal.ErrorStore;
import cn.healthcard.production.internal.OrderStore;
import cn.healthcard.production.internal.OrderStore.Order;
import cn.healthcard.production.internal.PlanStore;
import cn.healthcard.production.internal.PlanStore.Batch;
import cn.healthcard.production.internal.ResultStore;
import cn.healthcard.production.internal.ResultStore.Result;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A released batch at its card maker (BPM-04, PER-02, PER-04): the {@link ProductionLine} the maker's floor calls, the
 * application of the maker's persisted answers, and the completion of every sealed card's case. Only the batch's maker
 * (role PRODUCTION at that CARD_MAKER institution) or SYSTEM sees a batch; anyone else gets 404.
 */
@Service
public class BatchProduction implements ProductionLine {

    private final PlanStore plans;
    private final OrderStore orders;
    private final ResultStore results;
    private final ErrorStore errors;
    private final DataFileService files;
    private final DropFolder folders;
    private final CardProductionPort maker;
    private final CompletionStore completions;
    private final ApplicationEventPublisher events;

    BatchProduction(PlanStore plans, OrderStore orders, ResultStore results, ErrorStore errors, DataFileService files,
                    DropFolder folders, CardProductionPort maker, CompletionStore completions,
                    ApplicationEventPublisher events) {
        this.plans = plans;
        this.orders = orders;
        this.results = results;
        this.errors = errors;
        this.files = files;
        this.folders = folders;
        this.maker = maker;
        this.completions = completions;
        this.events = events;
    }

    @Override
    @Transactional(noRollbackFor = DataFileRefusedException.class)
    @PreAuthorize("hasAnyRole('PRODUCTION','SYSTEM')")
    public int receive(String batchNo) {
        Batch batch = visible(batchNo);
        if (!"RELEASED".equals(batch.status())) {
            return batch.cardCount();
        }
        Path file = folders.outbox(batch.makerCode()).resolve(batch.dataFileName());
        if (!Files.exists(file)) {
            throw new ConflictException("PRODUCTION_FILE_MISSING", "batchNo", "批次 " + batchNo + " 的数据文件 "
                    + batch.dataFileName() + " 不在制卡机构的接收目录，请中心重新下发");
        }
        int[] records = {0};
        var verified = files.read(file, batch.makerCode(), batchNo, card -> records[0]++);
        if (verified.cardCount() != batch.cardCount() || records[0] != batch.cardCount()) {
            throw new ConflictException("PRODUCTION_FILE_COUNT", "batchNo", "数据文件的卡片数 " + verified.cardCount()
                    + " 与批次的 " + batch.cardCount() + " 不符");
        }
        String actor = SecurityContextUsers.actor();
        if (!plans.moveBatch(batchNo, "RELEASED", "RECEIVED", "received_at", actor)) {
            return batch.cardCount(); // a concurrent receipt took it
        }
        events.publishEvent(new ProductionBatchReceived(batchNo, batch.regionCode(), batch.makerCode(),
                batch.cardCount()));
        // moved inside: the file leaves the receiving device (PER-02), deleted before its deletion is audited; if the
        // transaction then rolls back the batch stays RELEASED without its file, which the receipt reports
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        events.publishEvent(new ProductionDataFileDeleted(batch.dataFileName(), batch.regionCode(), batchNo,
                batch.makerCode(), actor));
        return batch.cardCount();
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public boolean fileDelivered(String batchNo) {
        Batch batch = visible(batchNo);
        return !"RELEASED".equals(batch.status())
                || Files.exists(folders.outbox(batch.makerCode()).resolve(batch.dataFileName()));
    }

    @Override
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')") // PER-06: only the floor's service task, after its two-person start
    public void startProduction(String batchNo) {
        Batch batch = visible(batchNo);
        if ("RELEASED".equals(batch.status())) {
            throw new ConflictException("PRODUCTION_NOT_RECEIVED", "batchNo", "批次 " + batchNo + " 的数据文件尚未接收");
        }
        if (!plans.moveBatch(batchNo, "RECEIVED", "IN_PRODUCTION", "started_at", null)) {
            return; // already started: a retried job orders nothing twice
        }
        List<CardOrder> cards = orders.ofBatch(batchNo).stream()
                .filter(o -> o.status() == OrderStore.Status.RELEASED)
                .map(o -> new CardOrder(o.caseId(), o.cardNo())).toList();
        maker.submitBatch(new BatchOrder(batchNo, batch.makerCode(), batch.dataFileName(), cards));
        finishIfAnswered(batchNo);
    }

    @Override
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','SYSTEM')")
    public List<ProducedCard> producedCards(String batchNo) {
        visible(batchNo);
        return results.ofBatch(batchNo).stream()
                .filter(r -> "PRODUCED".equals(r.outcome()) && "APPLIED".equals(r.status()))
                .map(r -> new ProducedCard(r.caseId(), r.cardNo(), r.chipSerial()))
                .sorted(Comparator.comparing(ProducedCard::cardNo)).toList();
    }

    @Override
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','SYSTEM')")
    public void reportError(String batchNo, String caseId, String field, String reason) {
        Batch batch = visible(batchNo);
        if (!"IN_PRODUCTION".equals(batch.status())) {
            throw new ConflictException("PRODUCTION_NOT_STARTED", "batchNo", "批次 " + batchNo + " 不在制作中（状态 "
                    + batch.status() + "），不能登记制卡差错");
        }
        requireText("field", "差错字段", field, 64, false);
        requireText("reason", "原因", reason, 500, true);
        Order order = orders.byCase(caseId).filter(o -> batchNo.equals(o.batchNo()))
                .orElseThrow(() -> new NotFoundException("批次 " + batchNo + " 中没有案件 " + caseId));
        int stored = results.insertNew(List.of(new ResultStore.Arrived(batchNo, caseId, "FAILED", order.cardNo(),
                null, (field == null ? "" : "[" + field + "] ") + reason)), "floor:" + SecurityContextUsers.actor());
        if (stored == 0 && !errors.openFor(caseId, batchNo)) {
            throw new ConflictException("PRODUCTION_ALREADY_ANSWERED", "caseId", "案件 " + caseId
                    + " 已有制卡结果；已制成的卡请登记报废");
        }
        if (stored == 1) {
            results.ofBatch(batchNo).stream().filter(r -> r.caseId().equals(caseId)).findFirst().ifPresent(this::apply);
            finishIfAnswered(batchNo);
        }
        events.publishEvent(new ProductionErrorReported(caseId, batch.regionCode(), batchNo, field, "FAILED"));
    }

    @Override
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','SYSTEM')")
    public void reportScrapped(String batchNo, String cardNo, String reason) {
        Batch batch = visible(batchNo);
        requireText("reason", "报废原因", reason, 500, true);
        Order order = orders.ofBatch(batchNo).stream().filter(o -> Objects.equals(cardNo, o.cardNo())).findFirst()
                .orElseThrow(() -> new NotFoundException("批次 " + batchNo + " 中没有卡号 " + cardNo));
        // only a card made and applied, of a batch not yet sealed: a sealed card is delivered and stays valid
        if (!"IN_PRODUCTION".equals(batch.status()) && !"FINISHED".equals(batch.status())) {
            throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "批次 " + batchNo + " 的状态为 "
                    + batch.status() + "，卡号 " + cardNo + " 不能登记报废");
        }
        if (order.status() != OrderStore.Status.RELEASED || !results.scrapped(batchNo, cardNo, reason)) {
            throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "卡号 " + cardNo + " 没有已制成的记录");
        }
        errors.add(order.caseId(), batchNo, batch.regionCode(), "SCRAPPED", null, reason, SecurityContextUsers.actor());
        if (!orders.requeueScrapped(order.caseId())) {
            throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "卡号 " + cardNo + " 的制卡单已变化，不能登记报废");
        }
        int[] c = results.counts(batchNo);
        plans.counts(batchNo, c[0], c[1], c[2]);
        events.publishEvent(new ProductionCardScrapped(cardNo, batch.regionCode(), batchNo, order.caseId(), reason));
    }

    /**
     * Applies one persisted answer (the correlation job, as SYSTEM). Throws when it cannot be applied. The job then
     * calls {@link #finishIfAnswered} once per batch of its pass.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void apply(Result result) {
        Order order = orders.byCase(result.caseId()).orElseThrow(() ->
                new IllegalStateException("no production order for case " + result.caseId()));
        if (!result.batchNo().equals(order.batchNo())) {
            throw new IllegalStateException("case " + result.caseId() + " is not in batch " + result.batchNo());
        }
        String status = plans.batch(result.batchNo()).map(Batch::status).orElse("?");
        if (!"IN_PRODUCTION".equals(status)) {
            throw new IllegalStateException("batch " + result.batchNo() + " is " + status + ", not in production");
        }
        switch (result.outcome()) {
            case "PRODUCED" -> {
                if (!Objects.equals(result.cardNo(), order.cardNo())) {
                    throw new IllegalStateException("card " + result.cardNo() + " is not the card number "
                            + order.cardNo() + " of case " + result.caseId());
                }
                orders.produced(result.caseId(), result.chipSerial());
            }
            case "FAILED", "DESTROYED" -> {
                String kind = "FAILED".equals(result.outcome()) ? "FAILED" : "SCRAPPED";
                String reason = result.reason() == null || result.reason().isBlank() ? "制卡失败" : result.reason();
                errors.add(result.caseId(), result.batchNo(), order.regionCode(), kind, null, reason, result.source());
                orders.error(result.caseId());
                events.publishEvent(new ProductionErrorReported(result.caseId(), order.regionCode(), result.batchNo(),
                        null, kind));
            }
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
        results.applied(result.id());
    }

    /** Answers that could not be applied after every attempt, for an admin. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public List<Result> parkedResults() {
        CurrentUser user = SecurityContextUsers.require();
        return results.parked().stream().filter(r -> plans.batch(r.batchNo())
                .map(b -> user.canSee(b.regionCode())).orElse(user.has(Role.ADMIN))).toList();
    }

    /**
     * The maker floor sealed the batch's good cards into boxes. Believed only when it is consistent with what production
     * knows: the batch is FINISHED and of the sealing maker, every sealed card appears once, was answered PRODUCED and
     * applied, and its order is RELEASED (so no more cards are sealed than were produced and not scrapped); else 409
     * naming the batch or the card, and nothing is completed. Each sealed card's order is completed and its finished
     * card persisted in this transaction; {@link CardProductionCompleted} follows from the retried job, one transaction
     * per card, so a case that cannot take its card is parked and never rolls back the seal.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void sealed(BatchSealed sealed) {
        Batch batch = plans.batch(sealed.batchNo()).orElseThrow(() ->
                new NotFoundException("批次不存在: " + sealed.batchNo()));
        String batchNo = batch.batchNo();
        if (!"FINISHED".equals(batch.status())) {
            throw new ConflictException("PRODUCTION_NOT_FINISHED", "batchNo", "批次 " + batchNo + " 的状态为 "
                    + batch.status() + "，尚未制作完成，不能封箱");
        }
        if (!batch.makerCode().equals(sealed.makerCode())) {
            throw new ConflictException("PRODUCTION_OTHER_MAKER", "batchNo", "批次 " + batchNo + " 不属于制卡机构 "
                    + sealed.makerCode());
        }
        var byCard = new java.util.HashMap<String, Order>();
        orders.ofBatch(batchNo).forEach(o -> byCard.put(o.cardNo(), o));
        var produced = new java.util.HashMap<String, Result>();
        results.ofBatch(batchNo).stream().filter(r -> "PRODUCED".equals(r.outcome()) && "APPLIED".equals(r.status()))
                .forEach(r -> produced.put(r.cardNo(), r));
        var cards = new java.util.LinkedHashSet<String>();
        for (var box : sealed.boxes()) {
            for (String cardNo : box.cardNos()) {
                if (!cards.add(cardNo)) {
                    throw new ConflictException("PRODUCTION_SEAL_DUPLICATE", "cardNo", "卡号 " + cardNo
                            + " 在批次 " + batchNo + " 的封箱中出现不止一次");
                }
                Order order = byCard.get(cardNo);
                if (order == null) {
                    throw new ConflictException("PRODUCTION_SEAL_UNKNOWN", "cardNo", "卡号 " + cardNo + " 不属于批次 "
                            + batchNo);
                }
                Result result = produced.get(cardNo);
                if (result == null || !result.caseId().equals(order.caseId())) {
                    throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "卡号 " + cardNo
                            + " 没有已制成的记录，不能封箱");
                }
                if (order.status() != OrderStore.Status.RELEASED) {
                    throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "卡号 " + cardNo
                            + " 的制卡单状态为 " + order.status() + "，不能封箱");
                }
            }
        }
        int producedCount = results.counts(batchNo)[0];
        if (cards.size() > producedCount) {
            throw new ConflictException("PRODUCTION_SEAL_COUNT", "batchNo", "批次 " + batchNo + " 封箱 " + cards.size()
                    + " 张，多于已制成且未报废的 " + producedCount + " 张");
        }
        for (String cardNo : cards) {
            Order order = byCard.get(cardNo);
            String chip = produced.get(cardNo).chipSerial();
            if (!orders.completeBatch(order.caseId(), cardNo, chip)) {
                throw new ConflictException("PRODUCTION_NOT_PRODUCED", "cardNo", "卡号 " + cardNo + " 的制卡单已变化，不能封箱");
            }
            completions.add(new CardProductionCompleted(order.caseId(), order.id(), cardNo, chip, batchNo,
                    order.deskCode()), order.regionCode(), java.time.Duration.ZERO);
        }
        if (!plans.moveBatch(batchNo, "FINISHED", "SEALED", "sealed_at", null)) {
            throw new ConflictException("PRODUCTION_NOT_FINISHED", "batchNo", "批次 " + batchNo + " 已不在制作完成状态，不能封箱");
        }
    }

    /** Finished cards whose case could not take them after every attempt, for an admin. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public List<CompletionStore.Completion> parkedCompletions() {
        CurrentUser user = SecurityContextUsers.require();
        return completions.parked().stream().filter(c -> user.canSee(c.regionCode())).toList();
    }

    /** When every card of the batch has an applied answer: counts, FINISHED, {@link BatchProductionFinished}. */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public void finishIfAnswered(String batchNo) {
        Batch batch = plans.batch(batchNo).orElseThrow();
        int[] c = results.counts(batchNo);
        if (c[3] < batch.cardCount()) {
            return;
        }
        plans.counts(batchNo, c[0], c[1], c[2]);
        if (plans.moveBatch(batchNo, "IN_PRODUCTION", "FINISHED", "finished_at", null)) {
            events.publishEvent(new ProductionResultsApplied(batchNo, batch.regionCode(), c[0], c[1], c[2]));
            events.publishEvent(new BatchProductionFinished(batchNo, batch.makerCode(), c[0], c[1], c[2]));
        }
    }

    /** The batch, if the caller may see it: SYSTEM, or PRODUCTION at the batch's maker. Else 404. */
    private Batch visible(String batchNo) {
        if (batchNo == null || !batchNo.matches("[A-Z0-9-]{1,32}")) {
            throw new DomainValidationException("batchNo", "「批次号」应为 1–32 位大写字母、数字或连字符");
        }
        Batch batch = plans.batch(batchNo).orElseThrow(() -> new NotFoundException("批次不存在: " + batchNo));
        CurrentUser user = SecurityContextUsers.require();
        boolean own = user.has(Role.SYSTEM)
                || (user.has(Role.PRODUCTION) && batch.makerCode().equals(user.institutionCode()));
        if (!own) {
            throw new NotFoundException("批次不存在: " + batchNo);
        }
        return batch;
    }

    private static void requireText(String field, String label, String value, int max, boolean required) {
        if (required && (value == null || value.isBlank())) {
            throw new DomainValidationException(field, "请填写「" + label + "」");
        }
        if (value != null && value.length() > max) {
            throw new DomainValidationException(field, "「" + label + "」至多 " + max + " 个字符");
        }
    }
}
