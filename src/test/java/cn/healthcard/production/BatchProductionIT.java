package cn.healthcard.production;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.production.datafile.DataFileRefusal;
import cn.healthcard.production.datafile.DataFileRefusedException;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.production.internal.InboxScanner;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A released batch at its maker (BPM-04, PER-02, PER-04, KEY-02): receipt with the file's deletion, the adapter's
 * answers persisted and applied by the retried job, error records and resend, completion on sealing.
 */
@IntegrationTest
class BatchProductionIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ProductionErrors errors;
    @Autowired BatchProduction production;
    @Autowired ProductionLine line;
    @Autowired CardMakerSimulator simulator;
    @Autowired InboxScanner inbox;
    @Autowired DropFolder folders;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired CryptoDevice device;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired cn.healthcard.issuance.CardApplicationService applications;
    @Autowired cn.healthcard.workflow.TaskInboxService inbox2;
    @Autowired cn.healthcard.card.CardService cards;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
    }

    private String batchOf(String caseId) {
        return jdbc.queryForObject("SELECT batch_no FROM production_order WHERE case_id = ?", String.class, caseId);
    }

    private String orderStatus(String caseId) {
        return jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, caseId);
    }

    private String batchStatus(String batchNo) {
        return jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class, batchNo);
    }

    /**
     * Generates and submits a plan. These tests drive the line by hand, as a maker's own system integrated through it
     * would; the floor's case that {@code BatchReleased} requests for each batch is marked started in the submitting
     * transaction (the floor starts its cases after the commit, decision 028), so no receipt races the test for the
     * file.
     */
    private PlanView planAndSubmit() {
        PlanView draft = users.as("pxsup", () -> plans.generate());
        return tx.execute(t -> {
            PlanView submitted = users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version()));
            for (String batchNo : jdbc.queryForList("SELECT b.batch_no FROM production_batch b JOIN production_plan p"
                    + " ON p.id = b.plan_id WHERE p.plan_no = ?", String.class, draft.planNo())) {
                jdbc.update("UPDATE floor_batch SET case_started_at = CURRENT_TIMESTAMP WHERE batch_no = ?", batchNo);
            }
            return submitted;
        });
    }

    @Test
    @DisplayName("BPM-04 PER-02 PER-04 PER-06 APP-08: the maker receives (file verified, moved inside, deleted), starts once, the "
            + "answers are persisted and applied; a failed card is an error record the issuer resends; sealed cards "
            + "complete their cases")
    void batchFromReceiptToSealing() {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 3);
        simulator.failCards(List.of(cases.get(1)), "照片不符合要求");
        planAndSubmit();
        String batchNo = batchOf(cases.get(0));
        assertThat(cases).allMatch(c -> batchNo.equals(batchOf(c)));
        String maker = jdbc.queryForObject("SELECT maker_code FROM production_batch WHERE batch_no = ?", String.class,
                batchNo);
        assertThat(maker).isEqualTo(ProductionFixture.MAKER);
        Path file = folders.outbox(maker).resolve(jdbc.queryForObject(
                "SELECT data_file_name FROM production_batch WHERE batch_no = ?", String.class, batchNo));
        assertThat(file).exists();

        // another maker's user does not see the batch at all
        assertThatThrownBy(() -> users.as("pxmaker2", () -> line.receive(batchNo)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("pxsup", () -> line.receive(batchNo)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

        assertThat(users.as("pxmaker", () -> line.receive(batchNo))).isEqualTo(3);
        assertThat(file).doesNotExist();
        assertThat(users.as("pxmaker", () -> line.receive(batchNo))).isEqualTo(3); // idempotent
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionDataFileDeleted'"
                + " AND detail LIKE ?", Integer.class, "%" + batchNo + "%")).isEqualTo(1);

        // PER-06: one maker user cannot start a run alone; only the floor's service task (SYSTEM) after the two-person start
        assertThatThrownBy(() -> users.run("pxmaker", () -> line.startProduction(batchNo)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo)); // a retried job orders nothing twice
        Eventually.await("batch finished", Duration.ofSeconds(20), () -> batchStatus(batchNo), "FINISHED"::equals);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_result WHERE batch_no = ?", Integer.class,
                batchNo)).isEqualTo(3);

        List<ProducedCard> produced = users.as("pxmaker", () -> line.producedCards(batchNo));
        assertThat(produced).extracting(ProducedCard::caseId).containsExactlyInAnyOrder(cases.get(0), cases.get(2));
        assertThat(orderStatus(cases.get(1))).isEqualTo("ERROR");
        assertThat(users.as("pxsup", () -> errors.list(false))).anySatisfy(e -> {
            assertThat(e.caseId()).isEqualTo(cases.get(1));
            assertThat(e.kind()).isEqualTo("FAILED");
            assertThat(e.reason()).contains("照片不符合要求");
        });
        // another province sees none of it
        assertThat(users.as("pxsupother", () -> errors.list(true))).noneMatch(e -> cases.contains(e.caseId()));
        assertThatThrownBy(() -> users.as("pxsupother", () -> { errors.resend(cases.get(1)); return null; }))
                .isInstanceOf(NotFoundException.class);

        // the issuer corrects the data and resends: the order waits for a later plan
        users.run("pxclerk", () -> errors.resend(cases.get(1)));
        assertThat(orderStatus(cases.get(1))).isEqualTo("QUEUED");
        assertThatThrownBy(() -> users.run("pxclerk", () -> errors.resend(cases.get(1))))
                .isInstanceOf(ConflictException.class);

        // a card scrapped on the floor goes back to the queue; the other is sealed and completes its case
        ProducedCard scrapped = produced.get(0);
        ProducedCard good = produced.get(1);
        users.run("pxmaker", () -> line.reportScrapped(batchNo, scrapped.cardNo(), "个人化后芯片损坏"));
        assertThat(orderStatus(scrapped.caseId())).isEqualTo("QUEUED");
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(new BatchSealed(batchNo,
                maker, ProductionFixture.CENTRE, List.of(new BatchSealed.SealedBox("BOX-" + batchNo + "-1", "SEAL-1",
                List.of(good.cardNo())))))));
        assertThat(orderStatus(good.caseId())).isEqualTo("COMPLETED");
        assertThat(batchStatus(batchNo)).isEqualTo("SEALED");
        // PER-08: a sealed card is delivered: it can no longer be scrapped, nor an error reported for its batch
        assertThatThrownBy(() -> users.run("pxmaker", () -> line.reportScrapped(batchNo, good.cardNo(), "封箱后报废")))
                .isInstanceOf(ConflictException.class).hasMessageContaining(batchNo);
        assertThatThrownBy(() -> users.run("pxmaker", () -> line.reportError(batchNo, good.caseId(), null, "封箱后差错")))
                .isInstanceOf(ConflictException.class);
        assertThat(orderStatus(good.caseId())).isEqualTo("COMPLETED");
        Eventually.await("completion announced", Duration.ofSeconds(20), () -> completionStatus(good.caseId()),
                "PUBLISHED"::equals);
    }

    private String completionStatus(String caseId) {
        return jdbc.queryForList("SELECT status FROM production_completion WHERE case_id = ?", String.class, caseId)
                .stream().findFirst().orElse(null);
    }

    private void seal(String batchNo, String maker, List<List<String>> boxes) {
        List<BatchSealed.SealedBox> sealedBoxes = new java.util.ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            sealedBoxes.add(new BatchSealed.SealedBox("BOX-" + batchNo + "-" + i, "SEAL-" + i, boxes.get(i)));
        }
        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(new BatchSealed(batchNo,
                maker, ProductionFixture.CENTRE, sealedBoxes))));
    }

    @Test
    @DisplayName("BPM-04 PER-04 PER-08: a seal is believed only when it matches production: not before the batch is "
            + "finished, not by another maker, no failed or unmade card, no card twice, no more than produced; a "
            + "refused seal completes nothing")
    void sealRefusals() {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 3);
        String failing = cases.get(2);
        simulator.failCards(List.of(failing), "芯片写入失败");
        planAndSubmit();
        String batchNo = batchOf(failing);
        List<String> inBatch = jdbc.queryForList("SELECT case_id FROM production_order WHERE batch_no = ?",
                String.class, batchNo);
        String failedCard = jdbc.queryForObject("SELECT card_no FROM production_order WHERE case_id = ?", String.class,
                failing);
        users.as("pxmaker", () -> line.receive(batchNo));

        // a RECEIVED batch cannot be sealed
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER, List.of(List.of(failedCard))))
                .isInstanceOf(ConflictException.class).hasMessageContaining(batchNo);

        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        Eventually.await("batch finished", Duration.ofSeconds(20), () -> batchStatus(batchNo), "FINISHED"::equals);
        assertThat(orderStatus(failing)).isEqualTo("ERROR");
        List<String> good = users.as("pxmaker", () -> line.producedCards(batchNo)).stream().map(ProducedCard::cardNo)
                .toList();
        assertThat(good).hasSize(inBatch.size() - 1);

        // the failed card's number in a box
        List<String> withFailed = new java.util.ArrayList<>(good);
        withFailed.add(failedCard);
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER, List.of(withFailed)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(failedCard);
        // another maker seals the batch
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER_PROVINCE, List.of(good)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(batchNo);
        // the same card in two boxes
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER, List.of(good, List.of(good.get(0)))))
                .isInstanceOf(ConflictException.class).hasMessageContaining(good.get(0));
        // a card number of no batch card
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER, List.of(List.of("150102000000000000"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("150102000000000000");

        assertThat(orderStatus(failing)).isEqualTo("ERROR");
        assertThat(batchStatus(batchNo)).isEqualTo("FINISHED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_completion WHERE batch_no = ?", Integer.class,
                batchNo)).isZero();
        assertThat(inBatch).filteredOn(c -> !c.equals(failing)).allSatisfy(c ->
                assertThat(orderStatus(c)).isEqualTo("RELEASED"));

        // the good cards seal; a second seal of the sealed batch is refused
        seal(batchNo, ProductionFixture.MAKER, List.of(good));
        assertThat(batchStatus(batchNo)).isEqualTo("SEALED");
        assertThat(orderStatus(failing)).isEqualTo("ERROR");
        assertThatThrownBy(() -> seal(batchNo, ProductionFixture.MAKER, List.of(good)))
                .isInstanceOf(ConflictException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_completion WHERE batch_no = ?", Integer.class,
                batchNo)).isEqualTo(good.size());
    }

    @Test
    @DisplayName("PER-02 KEY-02: a tampered data file and a data file sealed for another maker are refused at receipt, "
            + "with the reason; the batch stays unreceived until the centre re-releases it with a new file")
    void refusedFiles() throws Exception {
        String caseA = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1).get(0);
        String caseB = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK_2, "150203", 1).get(0);
        planAndSubmit();
        String batchA = batchOf(caseA);
        String batchB = batchOf(caseB);
        Path fileA = folders.outbox(ProductionFixture.MAKER).resolve(jdbc.queryForObject(
                "SELECT data_file_name FROM production_batch WHERE batch_no = ?", String.class, batchA));
        Path fileB = folders.outbox(ProductionFixture.MAKER_PROVINCE).resolve(jdbc.queryForObject(
                "SELECT data_file_name FROM production_batch WHERE batch_no = ?", String.class, batchB));
        byte[] original = Files.readAllBytes(fileA);

        // batch B's maker finds batch A's file (sealed for the other maker) in place of its own
        Files.copy(fileA, fileB, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataFileRefusedException other = catchThrowableOfType(DataFileRefusedException.class,
                () -> users.as("pxmaker2", () -> line.receive(batchB)));
        assertThat(other.reason()).isEqualTo(DataFileRefusal.OTHER_MAKER);
        assertThat(batchStatus(batchB)).isEqualTo("RELEASED");

        byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 0x01;
        Files.write(fileA, tampered);
        DataFileRefusedException changed = catchThrowableOfType(DataFileRefusedException.class,
                () -> users.as("pxmaker", () -> line.receive(batchA)));
        assertThat(changed.reason()).isEqualTo(DataFileRefusal.SIGNATURE_INVALID);
        assertThat(batchStatus(batchA)).isEqualTo("RELEASED");
        assertThat(fileA).exists();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionDataFileRefused'"
                + " AND detail LIKE ?", Integer.class, "%" + ProductionFixture.MAKER + "%")).isGreaterThanOrEqualTo(1);

        // the centre re-releases the refused batch: a new sealed file with the next sequence, the old one superseded
        assertThatThrownBy(() -> users.as("pxsupother", () -> plans.rerelease(batchA)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("pxclerk", () -> plans.rerelease(batchA)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        ProductionPlans.BatchView again = users.as("pxsup", () -> plans.rerelease(batchA));
        assertThat(again.dataFileName()).isNotEqualTo(fileA.getFileName().toString());
        assertThat(fileA).doesNotExist();
        assertThat(folders.outbox(ProductionFixture.MAKER).resolve(again.dataFileName())).exists();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionBatchReissued'"
                + " AND detail LIKE ?", Integer.class, "%" + again.dataFileName() + "%")).isEqualTo(1);
        assertThat(users.as("pxmaker", () -> line.receive(batchA))).isEqualTo(jdbc.queryForObject(
                "SELECT card_count FROM production_batch WHERE batch_no = ?", Integer.class, batchA));
        // once received, no re-release
        ConflictException received = catchThrowableOfType(ConflictException.class,
                () -> users.as("pxsup", () -> plans.rerelease(batchA)));
        assertThat(received.code()).isEqualTo("PRODUCTION_NOT_RELEASED");
    }

    @Test
    @DisplayName("BPM-04 PER-02: drop-folder result files are persisted on arrival and moved to processed/ (a duplicate line "
            + "is harmless); a file before the batch is started, a malformed, non-UTF-8, oversized or overlong file goes to "
            + "rejected/ with a reason and stalls nothing; a poison answer is parked")
    void dropFolderInbox() throws Exception {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        planAndSubmit();
        String batchNo = batchOf(cases.get(0));
        users.as("pxmaker", () -> line.receive(batchNo));
        String card0 = jdbc.queryForObject("SELECT card_no FROM production_order WHERE case_id = ?", String.class,
                cases.get(0));
        Path in = folders.inbox(ProductionFixture.MAKER);
        // answers for a batch the maker has not started are refused (PER-02: received and verified first)
        Files.writeString(in.resolve(batchNo + "_early.result"), cases.get(0) + ";PRODUCED;" + card0 + ";CHIP0001;\n",
                StandardCharsets.UTF_8);
        assertThat(inbox.scan()).isZero();
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_early.result.reason")))
                .contains("尚未开始制作");
        simulator.hold(batchNo); // this drill's answers come from the drop folder, not the simulated line
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        // poison files: not UTF-8, an overlong chip serial on a FAILED line, far larger than the batch can need
        Files.write(in.resolve(batchNo + "_gbk.result"), (cases.get(1) + ";FAILED;;;照片模糊\n")
                .getBytes(java.nio.charset.Charset.forName("GBK")));
        Files.writeString(in.resolve(batchNo + "_long.result"), cases.get(1) + ";FAILED;;" + "X".repeat(33) + ";坏卡\n",
                StandardCharsets.UTF_8);
        Files.writeString(in.resolve(batchNo + "_huge.result"), "#" + "x".repeat(20_000) + "\n", StandardCharsets.UTF_8);
        Files.writeString(in.resolve(batchNo + "_bad.result"), "no separators here\n", StandardCharsets.UTF_8);
        Files.writeString(in.resolve(batchNo + "_1.result"), "# results\n"
                + cases.get(0) + ";PRODUCED;" + card0 + ";CHIP0001;\n"
                + cases.get(0) + ";PRODUCED;" + card0 + ";CHIP0001;\n", StandardCharsets.UTF_8);
        // a file naming a batch of another maker is refused too
        Files.writeString(folders.inbox(ProductionFixture.MAKER_PROVINCE).resolve(batchNo + ".result"),
                cases.get(1) + ";FAILED;;;x\n", StandardCharsets.UTF_8);

        assertThat(inbox.scan()).isEqualTo(1);
        assertThat(folders.processed(ProductionFixture.MAKER).resolve(batchNo + "_1.result")).exists();
        assertThat(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_bad.result")).exists();
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_bad.result.reason")))
                .contains("5 个");
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER_PROVINCE)
                .resolve(batchNo + ".result.reason"))).contains("不属于");
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_gbk.result.reason")))
                .contains("UTF-8");
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_long.result.reason")))
                .contains("32");
        assertThat(Files.readString(folders.rejected(ProductionFixture.MAKER).resolve(batchNo + "_huge.result.reason")))
                .contains("过大");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_result WHERE batch_no = ?", Integer.class,
                batchNo)).isEqualTo(1);
        Eventually.await("answer applied", Duration.ofSeconds(20), () -> jdbc.queryForObject(
                "SELECT chip_serial FROM production_order WHERE case_id = ?", String.class, cases.get(0)),
                "CHIP0001"::equals);

        // an answer that can never be applied is parked after its attempts and listed; the others went on
        jdbc.update("INSERT INTO production_result (id, batch_no, case_id, outcome, card_no, source, status, attempts,"
                + " received_at) VALUES (?, ?, ?, 'PRODUCED', '150102999999999999', 'test', 'PENDING', 0,"
                + " CURRENT_TIMESTAMP)", UUID.randomUUID().toString(), batchNo, "PXC-POISON-" + UUID.randomUUID());
        Eventually.await("poison parked", Duration.ofSeconds(30), () -> users.as("pxsup",
                () -> production.parkedResults()).stream().filter(r -> r.batchNo().equals(batchNo)).toList(),
                l -> !l.isEmpty());
        assertThat(users.as("pxsup", () -> production.parkedResults())).filteredOn(r -> r.batchNo().equals(batchNo))
                .allSatisfy(r -> {
                    assertThat(r.attempts()).isEqualTo(5);
                    assertThat(r.lastError()).contains("no production order");
                });
    }

    @Test
    @DisplayName("BPM-04 APP-08: an approved application at a batch desk is queued, planned, made in a batch and sealed; "
            + "its process moves on to the pick-up with the batch's card")
    void applicationThroughABatch() {
        var scenarios = new cn.healthcard.support.CardApplicationScenarios(applications, inbox2, cards, users);
        String applicationId = scenarios.submit("pxclerk", cn.healthcard.support.TestResidents.newResident("批次申领"))
                .applicationId();
        scenarios.review("pxsup", applicationId, cn.healthcard.workflow.Review.Outcome.APPROVE, null);
        Eventually.await("order queued", Duration.ofSeconds(30), () -> jdbc.queryForList(
                "SELECT status FROM production_order WHERE case_id = ?", String.class, applicationId),
                l -> l.equals(List.of("QUEUED")));
        planAndSubmit();
        String batchNo = batchOf(applicationId);
        users.as("pxmaker", () -> line.receive(batchNo));
        SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        Eventually.await("batch finished", Duration.ofSeconds(20), () -> batchStatus(batchNo), "FINISHED"::equals);
        List<ProducedCard> produced = users.as("pxmaker", () -> line.producedCards(batchNo));
        ProducedCard card = produced.stream().filter(p -> p.caseId().equals(applicationId)).findFirst().orElseThrow();

        SecurityContextUsers.runAsSystem(() -> tx.executeWithoutResult(t -> events.publishEvent(new BatchSealed(batchNo,
                ProductionFixture.MAKER, ProductionFixture.CENTRE, List.of(new BatchSealed.SealedBox("BOX-" + batchNo,
                "SEAL-" + batchNo, produced.stream().map(ProducedCard::cardNo).sorted().toList()))))));

        var ready = scenarios.awaitStatus("pxclerk", applicationId, cn.healthcard.issuance.ApplicationStatus.READY);
        assertThat(ready.cardNo()).isEqualTo(card.cardNo());
        scenarios.task("pxclerk", applicationId, cn.healthcard.issuance.CardApplicationService.PICKUP_TASK);
        assertThat(orderStatus(applicationId)).isEqualTo("COMPLETED");
    }

    @Test
    @DisplayName("BPM-04 APP-08: one case that cannot take its card (its process was deleted) does not roll back the "
            + "seal: the others reach pick-up, the bad one is parked with its error")
    void poisonCaseDoesNotBlockTheSeal() {
        var scenarios = new cn.healthcard.support.CardApplicationScenarios(applications, inbox2, cards, users);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = scenarios.submit("pxclerk", cn.healthcard.support.TestResidents.newResident("封箱申领"))
                    .applicationId();
            scenarios.review("pxsup", id, cn.healthcard.workflow.Review.Outcome.APPROVE, null);
            ids.add(id);
        }
        for (String id : ids) {
            Eventually.await("order queued", Duration.ofSeconds(30), () -> jdbc.queryForList(
                    "SELECT status FROM production_order WHERE case_id = ?", String.class, id),
                    l -> l.equals(List.of("QUEUED")));
        }
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);
        planAndSubmit();
        String bad = ids.get(0);
        String ok = ids.get(1);
        List<String> batches = jdbc.queryForList("SELECT DISTINCT batch_no FROM production_order WHERE case_id IN (?, ?)",
                String.class, bad, ok);
        for (String batchNo : batches) {
            users.as("pxmaker", () -> line.receive(batchNo));
            SecurityContextUsers.runAsSystem(() -> line.startProduction(batchNo));
        }
        for (String batchNo : batches) {
            Eventually.await("batch finished", Duration.ofSeconds(20), () -> batchStatus(batchNo), "FINISHED"::equals);
        }
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(bad).singleResult().getId();
        runtime.deleteProcessInstance(instance, "测试：流程实例已删除");

        for (String batchNo : batches) {
            seal(batchNo, ProductionFixture.MAKER, List.of(users.as("pxmaker", () -> line.producedCards(batchNo))
                    .stream().map(ProducedCard::cardNo).toList()));
            assertThat(batchStatus(batchNo)).isEqualTo("SEALED");
        }
        scenarios.awaitStatus("pxclerk", ok, cn.healthcard.issuance.ApplicationStatus.READY);
        Eventually.await("bad case parked", Duration.ofSeconds(30), () -> completionStatus(bad), "PARKED"::equals);
        assertThat(users.as("pxsup", () -> production.parkedCompletions())).anySatisfy(c -> {
            assertThat(c.caseId()).isEqualTo(bad);
            assertThat(c.attempts()).isEqualTo(5);
            assertThat(c.lastError()).contains("does not wait");
        });
        assertThat(completionStatus(ok)).isEqualTo("PUBLISHED");
        assertThat(users.as("pxsupother", () -> production.parkedCompletions())).noneMatch(c -> c.caseId().equals(bad));
    }
}
