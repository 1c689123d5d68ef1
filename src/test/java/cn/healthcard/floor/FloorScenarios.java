package cn.healthcard.floor;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.BatchSealed;
import cn.healthcard.production.ProducedCard;
import cn.healthcard.production.ProductionFixture;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.production.ProductionOrders;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.TestUsers;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor tests' own world in Ningxia (640000), which no other test uses, on the REAL production chain (decision 027):
 * a registration centre {@value #CENTRE} with supervisor {@code floorsup}, the batch desk {@value #DESK} (listed in
 * {@code healthcard.production.batch-desks}), makers {@value #MAKER_A} (the nearest for 6401xx; operators
 * {@code floora1}, {@code floora2}, lead {@code flooralead}) and {@value #MAKER_B} ({@code floorb1}, {@code floorb2}),
 * both with a CARD filing in force (eligible for plans) and transport keys, and {@value #MAKER_C} ({@code floorc1}, only for
 * the reconciliation sheet). A batch is released as in production: orders queued at the batch desk, the supervisor's
 * plan generated (its group moved to maker B when asked) and submitted; the simulator answers the started batch.
 */
@Component
public class FloorScenarios {

    public static final String CENTRE = "FX-640000";
    public static final String DESK = "FX-640104";
    public static final String MAKER_A = "FX-CM-640100";
    public static final String MAKER_B = "FX-CM-640000";
    /** The makers' unified social credit codes (GB 32100 valid), each with a CARD product filed by the scenarios. */
    static final String MAKER_A_CREDIT = "91640100MA0FXCMA04";
    static final String MAKER_B_CREDIT = "91640000MA0FXCMB00";
    /** A maker of its own for the reconciliation sheet of the API test (one reconciliation per maker and day). */
    public static final String MAKER_C = "FX-CM-640200";
    /** A maker of its own for the unreconciled-day block (a movement dated yesterday). */
    public static final String MAKER_D = "FX-CM-640300";
    /** A maker whose movements only {@code FloorDayIT} books, on days of a clock of its own. */
    public static final String MAKER_E = "FX-CM-640500";
    public static final String REGION = "640104";

    private final FloorService floor;
    private final FloorStaff staff;
    private final ProductionLine line;
    private final ProductionPlans plans;
    private final ProductionOrders orders;
    private final ResidentService residents;
    private final DropFolder folders;
    private final CryptoDevice device;
    private final InstitutionService institutions;
    private final UserAdministration userAdmin;
    private final TestUsers users;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final cn.healthcard.filing.FiledProducts filed;
    private final cn.healthcard.filing.ManufacturerService manufacturers;
    private final cn.healthcard.filing.FilingService filings;
    private final cn.healthcard.workflow.TaskInboxService inbox;
    private final List<BatchSealed> sealed = new CopyOnWriteArrayList<>();
    private final List<BoxResealed> resealed = new CopyOnWriteArrayList<>();

    public FloorScenarios(FloorService floor, FloorStaff staff, ProductionLine line, ProductionPlans plans,
                          ProductionOrders orders, ResidentService residents, DropFolder folders, CryptoDevice device,
                          InstitutionService institutions, UserAdministration userAdmin, TestUsers users,
                          JdbcTemplate jdbc, TransactionTemplate tx, cn.healthcard.filing.FiledProducts filed,
                          cn.healthcard.filing.ManufacturerService manufacturers,
                          cn.healthcard.filing.FilingService filings, cn.healthcard.workflow.TaskInboxService inbox) {
        this.filed = filed;
        this.manufacturers = manufacturers;
        this.filings = filings;
        this.inbox = inbox;
        this.floor = floor;
        this.staff = staff;
        this.line = line;
        this.plans = plans;
        this.orders = orders;
        this.residents = residents;
        this.folders = folders;
        this.device = device;
        this.institutions = institutions;
        this.userAdmin = userAdmin;
        this.users = users;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The makers and people (idempotent: the test context is shared). */
    public void people() {
        SecurityContextUsers.runAsSystem(() -> {
            institution(CENTRE, "宁夏回族自治区居民健康卡注册管理中心（测试）", "640000",
                    InstitutionKind.REGISTRATION_CENTRE);
            institution(DESK, "银川兴庆区服务点（测试）", REGION, InstitutionKind.SERVICE_POINT);
            maker(MAKER_A, "测试制卡机构甲", "640100", MAKER_A_CREDIT);
            maker(MAKER_B, "测试制卡机构乙", "640000", MAKER_B_CREDIT);
            institution(MAKER_C, "测试制卡机构丙", "640200", InstitutionKind.CARD_MAKER);
            institution(MAKER_D, "测试制卡机构丁", "640300", InstitutionKind.CARD_MAKER);
            institution(MAKER_E, "测试制卡机构戊", "640500", InstitutionKind.CARD_MAKER);
        });
        // makers A and B are eligible for plans while a CARD product of theirs is filed and in force (decision 027)
        userAdmin.createIfAbsent("natclerk", "demo1234", "国家经办", "NHC-000000", Set.of(Role.CLERK), false, true);
        userAdmin.createIfAbsent("natsupervisor", "demo1234", "国家审核", "NHC-000000", Set.of(Role.SUPERVISOR), false,
                true);
        for (String credit : List.of(MAKER_A_CREDIT, MAKER_B_CREDIT)) {
            ProductionFixture.fileCard(filed, manufacturers, filings, inbox, users, credit);
        }
        for (String maker : List.of(MAKER_A, MAKER_B)) {
            try {
                device.currentKey(KeyId.transportLabel(maker));
            } catch (CryptoException e) {
                device.generateSymmetricKey(KeyId.transportLabel(maker), KeyUsage.KEY_ENCRYPTION);
            }
        }
        ProductionFixture.cityKeys(device, REGION.substring(0, 4) + "00");
        for (String u : List.of("floora1", "floora2", "flooralead")) {
            userAdmin.createIfAbsent(u, "demo1234", "甲制卡" + u.substring(5), MAKER_A, Set.of(Role.PRODUCTION),
                    false, true);
        }
        for (String u : List.of("floorb1", "floorb2")) {
            userAdmin.createIfAbsent(u, "demo1234", "乙制卡" + u.substring(5), MAKER_B, Set.of(Role.PRODUCTION),
                    false, true);
        }
        userAdmin.createIfAbsent("floorc1", "demo1234", "丙制卡c1", MAKER_C, Set.of(Role.PRODUCTION), false, true);
        userAdmin.createIfAbsent("floord1", "demo1234", "丁制卡d1", MAKER_D, Set.of(Role.PRODUCTION), false, true);
        userAdmin.createIfAbsent("floore1", "demo1234", "戊制卡e1", MAKER_E, Set.of(Role.PRODUCTION), false, true);
        userAdmin.createIfAbsent("floore2", "demo1234", "戊制卡e2", MAKER_E, Set.of(Role.PRODUCTION), false, true);
        userAdmin.createIfAbsent("floorsup", "demo1234", "宁夏审核", CENTRE, Set.of(Role.SUPERVISOR), false, true);
        users.run("admin", () -> staff.assign(MAKER_A, "flooralead", true));
    }

    private void maker(String code, String name, String region, String credit) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, InstitutionKind.CARD_MAKER, region, null, "联系人",
                "0951-0000000", "测试地址", "负责人", null, null, credit, null));
    }

    private void institution(String code, String name, String region, InstitutionKind kind) {
        institutions.registerIfAbsent(new InstitutionForm(code, name, kind, region, null, "联系人", "0951-0000000",
                "测试地址", "负责人", null, null, null, null));
    }

    /** The batches the floor sealed (what production and logistics receive). */
    public List<BatchSealed> sealedEvents() {
        return List.copyOf(sealed);
    }

    @EventListener
    void on(BatchSealed e) {
        sealed.add(e);
    }

    /** The boxes the floor resealed after an incident (what logistics receives). */
    public List<BoxResealed> resealedEvents() {
        return List.copyOf(resealed);
    }

    @EventListener
    void on(BoxResealed e) {
        resealed.add(e);
    }

    /** Releases a batch of {@code n} (1–3, the test batch size) cards of the maker and waits for its receipt. */
    public String release(String maker, int n, boolean tampered) {
        String batch = submit(maker, n, tampered);
        Eventually.await("receipt of " + batch, Duration.ofSeconds(20),
                () -> SecurityContextUsers.runAsSystem(() -> floor.batch(batch).batch().status()),
                s -> s != BatchStatus.RELEASED);
        return batch;
    }

    /** Queues {@code n} cards for the maker and submits their plan (committed); the batch number, without waiting. */
    public String submit(String maker, int n, boolean tampered) {
        drainQueue();
        List<String> cases = ProductionFixture.queue(orders, residents, tx, DESK, REGION, n);
        PlanView draft = users.as("floorsup", () -> plans.generate());
        PlanView ready = MAKER_A.equals(maker) ? draft
                : users.as("floorsup", () -> plans.changeMaker(draft.planNo(), draft.version(), REGION, maker));
        // submitted and tampered in one transaction: the floor's receipt (an async job) only sees the committed file
        String batch = tx.execute(t -> {
            users.run("floorsup", () -> plans.submit(ready.planNo(), ready.version()));
            String no = batchOf(cases.get(0));
            if (tampered) {
                // before the commit the sealed file still has its hidden building name (it is renamed after commit)
                Path outbox = folders.outbox(maker);
                Path file = outbox.resolve(jdbc.queryForObject(
                        "SELECT data_file_name FROM production_batch WHERE batch_no = ?", String.class, no));
                tamper(Files.exists(file) ? file : outbox.resolve("." + no + ".building"));
            }
            return no;
        });
        return batch;
    }

    /** Orders another test left queued in this world (a scrapped card goes back to the queue) get a plan of their own. */
    private void drainQueue() {
        Integer queued = jdbc.queryForObject("SELECT COUNT(*) FROM production_order WHERE status = 'QUEUED'"
                + " AND region_code LIKE '64%'", Integer.class);
        if (queued != null && queued > 0) {
            PlanView leftover = users.as("floorsup", () -> plans.generate());
            users.run("floorsup", () -> plans.submit(leftover.planNo(), leftover.version()));
        }
    }

    public String batchOf(String caseId) {
        return jdbc.queryForObject("SELECT batch_no FROM production_order WHERE case_id = ?", String.class, caseId);
    }

    /** The case ids of the batch's orders. */
    public List<String> cases(String batch) {
        return jdbc.queryForList("SELECT case_id FROM production_order WHERE batch_no = ? ORDER BY card_no",
                String.class, batch);
    }

    /** The issuer's side of the batch: RELEASED, RECEIVED, IN_PRODUCTION, FINISHED, SEALED. */
    public String productionStatus(String batch) {
        return jdbc.queryForObject("SELECT status FROM production_batch WHERE batch_no = ?", String.class, batch);
    }

    private static void tamper(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The produced card numbers of the batch, ascending (as the line lists them). */
    public List<String> cards(String batch) {
        return SecurityContextUsers.runAsSystem(() -> line.producedCards(batch)).stream().map(ProducedCard::cardNo)
                .sorted().toList();
    }

    /** Waits for the simulator's answer for the whole batch to reach the floor. */
    public void awaitProduced(String batch) {
        Eventually.await("production of " + batch, Duration.ofSeconds(20),
                () -> SecurityContextUsers.runAsSystem(() -> floor.batch(batch).batch().produced()),
                p -> p != null);
    }

    /** The open task of the batch at the step, as the user finds it. */
    public String task(String user, String batch, String key) {
        return users.as(user, () -> floor.taskAt(batch, key));
    }

    /** Releases a batch of 3 cards on maker A and runs it to its production finished (the simulator answers). */
    public String produced() {
        String batch = release(MAKER_A, 3, false);
        users.run("floora1", () -> floor.confirmStart(task("floora1", batch, FloorService.START_TASK)));
        users.run("floora2", () -> floor.confirmStart(task("floora2", batch, FloorService.START_TASK)));
        awaitProduced(batch);
        return batch;
    }

    /** A hand-over by {@code by} and its confirmation by the receiver the form names, with the same counts (PER-07). */
    public void handOver(String by, String batch, HandoverForm form) {
        users.run(by, () -> floor.handOver(task(by, batch, FloorService.HANDOVER_TASK), form));
        users.run(form.receivedBy(), () -> floor.handOver(task(form.receivedBy(), batch, FloorService.HANDOVER_TASK),
                form));
    }

    /** Runs a batch through hand-overs (one damaged card at the quality check), scrap and destruction. */
    public String destroyed() {
        String batch = produced();
        handOver("floora1", batch, new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 3, 3, 0, 0));
        handOver("floora2", batch, new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 3, 2, 1, 0));
        handOver("floora1", batch, new HandoverForm(HandoverStep.PACKING, "floora2", 2, 2, 0, 0));
        String damaged = cards(batch).get(1);
        users.run("floora1", () -> floor.recordScrap(task("floora1", batch, FloorService.SCRAP_TASK), new ScrapForm(
                List.of(new ScrapEntry(ScrapCategory.CARD_DAMAGED, damaged, 1, "质检划伤"),
                        new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 2, "模块虚焊")), "粉碎", "销毁室")));
        users.run("floora2", () -> floor.coSignDestruction(task("floora2", batch, FloorService.DESTRUCTION_TASK)));
        return batch;
    }

    /** Seal numbers of a batch that no other batch uses. */
    public static List<String> seals(String batch, int n) {
        String base = "S" + batch.replaceAll("[^A-Za-z0-9]", "");
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> base + (char) ('A' + i)).toList();
    }

    /** Runs a batch of 3 to the sealing of its 2 good cards (double count matched, signed off). */
    public String signedOff() {
        String batch = destroyed();
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 2));
        users.run("floora2", () -> floor.count(users.as("floora2", () -> floor.countTaskAt(batch)), 2));
        users.run("flooralead", () -> floor.signOff(task("flooralead", batch, FloorService.SIGN_OFF_TASK), "同意"));
        return batch;
    }

    /** Runs a batch of 3 to its 2 good cards sealed in two boxes of 1. */
    public String sealed() {
        String batch = signedOff();
        users.run("floora1", () -> floor.seal(task("floora1", batch, FloorService.SEAL_TASK),
                new SealForm(1, seals(batch, 2))));
        return batch;
    }
}
