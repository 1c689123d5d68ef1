package cn.healthcard.e2e;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.floor.FloorService;
import cn.healthcard.floor.FloorStaff;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.logistics.ShipmentKind;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.ProducedCard;
import cn.healthcard.production.ProductionFixture;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.production.internal.InboxScanner;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.Role;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks across the production chain with the real production line behind the maker's floor (H2): a single person
 * starting a run, another maker's people on a batch, a replayed {@code BatchSealed} and a re-delivered result file.
 * The production tests' Inner Mongolia world ({@link ProductionFixture}) with floor people of its own. Covered
 * elsewhere and not repeated here: a tampered data file and a file sealed for another maker refused at receipt
 * ({@code production.BatchProductionIT.refusedFiles}), a card picked up only at the desk it was delivered to
 * ({@code logistics.LogisticsIT} and {@link ProductionChainPostgresIT}).
 */
@IntegrationTest
class ProductionChainAttackIT {

    static final String OPERATOR_1 = "e2epx1";
    static final String OPERATOR_2 = "e2epx2";
    static final String LEAD = "e2epxlead";
    /** A production person of the other maker (the province's). */
    static final String OTHER_MAKER = "pxmaker2";

    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ProductionLine line;
    @Autowired FloorService floor;
    @Autowired FloorStaff staff;
    @Autowired DropFolder folders;
    @Autowired InboxScanner inbox;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration accounts;
    @Autowired CryptoDevice device;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
        for (String u : List.of(OPERATOR_1, OPERATOR_2, LEAD)) {
            accounts.createIfAbsent(u, "demo1234", "蒙制卡" + u.substring(5), ProductionFixture.MAKER,
                    Set.of(Role.PRODUCTION), false, true);
        }
        users.run("admin", () -> staff.assign(ProductionFixture.MAKER, LEAD, true));
    }

    /** Three queued orders at the batch desk, planned, submitted and received on the floor: the batch number. */
    private String receivedBatch() {
        List<String> cases = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 3);
        var draft = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version()));
        String batchNo = jdbc.queryForObject("SELECT batch_no FROM production_order WHERE case_id = ?", String.class,
                cases.get(0));
        Eventually.await("receipt of " + batchNo, Duration.ofSeconds(30), () -> status(batchNo),
                s -> s != BatchStatus.RELEASED);
        assertThat(status(batchNo)).isEqualTo(BatchStatus.RECEIVED);
        return batchNo;
    }

    private BatchStatus status(String batchNo) {
        return SecurityContextUsers.runAsSystem(() -> floor.batch(batchNo)).batch().status();
    }

    private String task(String user, String batchNo, String key) {
        return Eventually.await(key + " of " + batchNo, Duration.ofSeconds(30), () -> {
            try {
                return users.as(user, () -> floor.taskAt(batchNo, key));
            } catch (cn.healthcard.common.ConflictException notYet) {
                return null;
            }
        }, t -> t != null);
    }

    private long count(String sql, Object... args) {
        Long c = jdbc.queryForObject(sql, Long.class, args);
        return c == null ? 0 : c;
    }

    @Test
    @DisplayName("PER-06: one person cannot start a production run alone: the second confirmation by the same person is "
            + "refused (403), the line is not started; another person starts it")
    void singlePersonCannotStart() {
        String batchNo = receivedBatch();
        users.run(OPERATOR_1, () -> floor.confirmStart(task(OPERATOR_1, batchNo, FloorService.START_TASK)));
        assertThatThrownBy(() -> users.run(OPERATOR_1, () -> floor.confirmStart(task(OPERATOR_1, batchNo,
                FloorService.START_TASK)))).isInstanceOf(AccessDeniedException.class);
        assertThat(status(batchNo)).isEqualTo(BatchStatus.STARTING);
        assertThat(jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class,
                batchNo)).isEqualTo("RECEIVED");
        // the run starts only with a second, different person
        users.run(OPERATOR_2, () -> floor.confirmStart(task(OPERATOR_2, batchNo, FloorService.START_TASK)));
        Eventually.await("production of " + batchNo, Duration.ofSeconds(30), () -> SecurityContextUsers.runAsSystem(
                () -> floor.batch(batchNo)).batch().produced(), p -> p != null);
        assertThat(SecurityContextUsers.runAsSystem(() -> floor.batch(batchNo)).batch().startSecondBy())
                .isEqualTo(OPERATOR_2);
    }

    @Test
    @DisplayName("PER-02 PER-06: a card maker's people neither see nor act on another maker's batch: not listed, 404 "
            + "on the batch, its tasks and its line; the batch stays untouched")
    void otherMakerSeesNothing() {
        String batchNo = receivedBatch();
        String startTask = task(OPERATOR_1, batchNo, FloorService.START_TASK);
        assertThat(users.as(OTHER_MAKER, () -> floor.batches())).noneMatch(b -> b.batchNo().equals(batchNo));
        assertThatThrownBy(() -> users.as(OTHER_MAKER, () -> floor.batch(batchNo)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as(OTHER_MAKER, () -> floor.taskAt(batchNo, FloorService.START_TASK)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as(OTHER_MAKER, () -> floor.confirmStart(startTask)))
                .isInstanceOfAny(NotFoundException.class, AccessDeniedException.class);
        assertThatThrownBy(() -> users.as(OTHER_MAKER, () -> line.producedCards(batchNo)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run(OTHER_MAKER, () -> floor.reportCardError(batchNo, "X", "name", "错")))
                .isInstanceOfAny(NotFoundException.class, AccessDeniedException.class);
        assertThat(status(batchNo)).isEqualTo(BatchStatus.RECEIVED);
        assertThat(SecurityContextUsers.runAsSystem(() -> floor.batch(batchNo)).batch().startFirstBy()).isNull();
    }

    @Test
    @DisplayName("BPM-04 APP-09 PER-11: a replayed BatchSealed and a re-delivered result file after sealing make no "
            + "second card, order completion, stock item or shipment")
    void replaysMakeNothingTwice() throws Exception {
        String batchNo = receivedBatch();
        users.run(OPERATOR_1, () -> floor.confirmStart(task(OPERATOR_1, batchNo, FloorService.START_TASK)));
        users.run(OPERATOR_2, () -> floor.confirmStart(task(OPERATOR_2, batchNo, FloorService.START_TASK)));
        Eventually.await("production of " + batchNo, Duration.ofSeconds(30), () -> SecurityContextUsers.runAsSystem(
                () -> floor.batch(batchNo)).batch().produced(), p -> p != null);
        int n = SecurityContextUsers.runAsSystem(() -> floor.batch(batchNo)).batch().produced();
        List<ProducedCard> produced = users.as(OPERATOR_1, () -> line.producedCards(batchNo));
        assertThat(produced).hasSize(n);
        for (HandoverStep step : HandoverStep.values()) {
            String by = step.ordinal() % 2 == 0 ? OPERATOR_1 : OPERATOR_2;
            String to = step.ordinal() % 2 == 0 ? OPERATOR_2 : OPERATOR_1;
            users.run(by, () -> floor.handOver(task(by, batchNo, FloorService.HANDOVER_TASK),
                    new HandoverForm(step, to, n, n, 0, 0)));
            // PER-07: the receiver confirms with the same counts
            users.run(to, () -> floor.handOver(task(to, batchNo, FloorService.HANDOVER_TASK),
                    new HandoverForm(step, to, n, n, 0, 0)));
        }
        users.run(OPERATOR_1, () -> floor.recordScrap(task(OPERATOR_1, batchNo, FloorService.SCRAP_TASK),
                new ScrapForm(List.of(new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 1, "模块虚焊")), "粉碎",
                        "销毁室")));
        users.run(OPERATOR_2, () -> floor.coSignDestruction(task(OPERATOR_2, batchNo, FloorService.DESTRUCTION_TASK)));
        users.run(OPERATOR_1, () -> floor.count(users.as(OPERATOR_1, () -> floor.countTaskAt(batchNo)), n));
        users.run(OPERATOR_2, () -> floor.count(users.as(OPERATOR_2, () -> floor.countTaskAt(batchNo)), n));
        users.run(LEAD, () -> floor.signOff(task(LEAD, batchNo, FloorService.SIGN_OFF_TASK), null));
        List<String> seals = new ArrayList<>();
        for (int i = 0; i < (n + 1) / 2; i++) {
            seals.add("E2E" + batchNo.replace("-", "").substring(Math.max(0, batchNo.length() - 14)) + "S" + i);
        }
        users.run(OPERATOR_1, () -> floor.seal(task(OPERATOR_1, batchNo, FloorService.SEAL_TASK),
                new SealForm(2, seals)));
        assertThat(status(batchNo)).isEqualTo(BatchStatus.SEALED);

        Set<String> cardNos = produced.stream().map(ProducedCard::cardNo).collect(Collectors.toSet());
        long completed = count("SELECT COUNT(*) FROM production_order WHERE batch_no = ? AND status = 'COMPLETED'",
                batchNo);
        long stockItems = count("SELECT COUNT(*) FROM stock_item WHERE batch_no = ?", batchNo);
        long shipments = count("SELECT COUNT(*) FROM shipment WHERE batch_no = ? AND kind = ?", batchNo,
                ShipmentKind.MAKER_TO_CENTRE.name());
        long results = count("SELECT COUNT(*) FROM production_result WHERE batch_no = ?", batchNo);
        long audited = count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'CardProductionCompleted'"
                + " AND detail LIKE ?", "%" + batchNo + "%");
        assertThat(completed).isEqualTo(n);
        assertThat(stockItems).isEqualTo(n);
        assertThat(shipments).isEqualTo(1);
        assertThat(results).isEqualTo(n);

        // the same BatchSealed once more (a replayed event): nothing new
        List<BatchSealed.SealedBox> boxes = new ArrayList<>();
        for (var box : jdbc.queryForList("SELECT box_no, seal_no FROM floor_box WHERE batch_no = ? ORDER BY box_no",
                batchNo)) {
            String boxNo = (String) box.get("BOX_NO");
            boxes.add(new BatchSealed.SealedBox(boxNo, (String) box.get("SEAL_NO"), jdbc.queryForList(
                    "SELECT card_no FROM floor_box_card WHERE box_no = ? ORDER BY card_no", String.class, boxNo)));
        }
        assertThat(boxes.stream().flatMap(b -> b.cardNos().stream()).collect(Collectors.toSet())).isEqualTo(cardNos);
        BatchSealed replay = new BatchSealed(batchNo, ProductionFixture.MAKER, ProductionFixture.CENTRE, boxes);
        assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(
                () -> tx.executeWithoutResult(t -> events.publishEvent(replay))))
                .isInstanceOf(cn.healthcard.common.ConflictException.class); // production refuses a second seal

        // the maker's result file delivered again into the drop folder
        StringBuilder file = new StringBuilder("# re-delivered\n");
        for (ProducedCard c : produced) {
            file.append(c.caseId()).append(";PRODUCED;").append(c.cardNo()).append(';').append(c.chipSerial())
                    .append(";\n");
        }
        Files.writeString(folders.inbox(ProductionFixture.MAKER).resolve(batchNo + "_again.result"), file,
                StandardCharsets.UTF_8);
        inbox.scan();
        Thread.sleep(1000); // a correlation pass (every 0.3 s) would apply anything new

        assertThat(count("SELECT COUNT(*) FROM production_order WHERE batch_no = ? AND status = 'COMPLETED'",
                batchNo)).isEqualTo(completed);
        assertThat(count("SELECT COUNT(*) FROM production_result WHERE batch_no = ?", batchNo)).isEqualTo(results);
        assertThat(count("SELECT COUNT(*) FROM stock_item WHERE batch_no = ?", batchNo)).isEqualTo(stockItems);
        assertThat(count("SELECT COUNT(*) FROM shipment WHERE batch_no = ? AND kind = ?", batchNo,
                ShipmentKind.MAKER_TO_CENTRE.name())).isEqualTo(shipments);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'CardProductionCompleted'"
                + " AND detail LIKE ?", "%" + batchNo + "%")).isEqualTo(audited);
        assertThat(jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class,
                batchNo)).isEqualTo("SEALED");
    }
}
