package cn.healthcard.production;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionPlans.BatchView;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.production.datafile.CardRecord;
import cn.healthcard.production.datafile.DataFileService;
import cn.healthcard.production.internal.DropFolder;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Production plans and batches (APP-08) on the issuer's side, with the data file per batch (PER-01). */
@IntegrationTest
class ProductionPlanIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired ProductionPlans plans;
    @Autowired ProductionOrders orders;
    @Autowired ResidentService residents;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired CryptoDevice device;
    @Autowired DataFileService dataFiles;
    @Autowired DropFolder folders;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeEach
    void world() {
        ProductionFixture.ensure(context);
    }

    private String status(String caseId) {
        return jdbc.queryForObject("SELECT status FROM production_order WHERE case_id = ?", String.class, caseId);
    }

    @Test
    @DisplayName("APP-08 PER-01: a supervisor plans the queued orders by region and maker, changes a maker, submits; "
            + "batches of at most batch-size get stable numbers and sealed data files in the makers' outboxes")
    void generateReviewSubmit() throws Exception {
        List<String> desk1 = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 4);
        List<String> desk2 = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK_2, "150203", 1);

        PlanView draft = users.as("pxsup", () -> plans.generate());
        assertThat(draft.status()).isEqualTo("DRAFT");
        assertThat(draft.planNo()).matches("JH\\d{8}\\d{4}");
        assertThat(draft.groups()).anySatisfy(g -> {
            assertThat(g.regionCode()).isEqualTo("150102");
            assertThat(g.makerCode()).isEqualTo(ProductionFixture.MAKER); // nearest: the city's maker
            assertThat(g.cardCount()).isGreaterThanOrEqualTo(4);
            assertThat(g.eligibleMakers()).contains(ProductionFixture.MAKER, ProductionFixture.MAKER_PROVINCE);
        }).anySatisfy(g -> {
            assertThat(g.regionCode()).isEqualTo("150203");
            assertThat(g.makerCode()).isEqualTo(ProductionFixture.MAKER_PROVINCE);
            assertThat(g.eligibleMakers()).containsExactly(ProductionFixture.MAKER_PROVINCE);
        });
        desk1.forEach(c -> assertThat(status(c)).isEqualTo("PLANNED"));

        // a maker that does not cover the region is refused, naming the field
        assertThatThrownBy(() -> users.as("pxsup", () -> plans.changeMaker(draft.planNo(), draft.version(), "150203",
                ProductionFixture.MAKER))).hasMessageContaining("不能承制");
        PlanView changed = users.as("pxsup", () -> plans.changeMaker(draft.planNo(), draft.version(), "150102",
                ProductionFixture.MAKER_PROVINCE));
        assertThat(changed.version()).isGreaterThan(draft.version());
        // the old version no longer submits
        assertThatThrownBy(() -> users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version())))
                .isInstanceOf(ConflictException.class);

        // the floor's case for each batch is marked started in the submitting transaction, so no receipt takes the
        // file from the outbox while this test reads it (the floor starts its cases after the commit, decision 028)
        PlanView submitted = tx.execute(t -> {
            PlanView s = users.as("pxsup", () -> plans.submit(changed.planNo(), changed.version()));
            jdbc.update("UPDATE floor_batch SET case_started_at = CURRENT_TIMESTAMP WHERE batch_no IN (SELECT"
                    + " b.batch_no FROM production_batch b JOIN production_plan p ON p.id = b.plan_id WHERE"
                    + " p.plan_no = ?)", changed.planNo());
            return s;
        });
        assertThat(submitted.status()).isEqualTo("SUBMITTED");
        List<BatchView> batches = users.as("pxsup", () -> plans.batches(submitted.planNo(), null, null, null, null,
                null, null));
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.batchNo()).matches("PC\\d{8}\\d{2,}");
            assertThat(b.cardCount()).isBetween(1, 3);
            assertThat(b.makerCode()).isEqualTo(ProductionFixture.MAKER_PROVINCE);
            assertThat(b.status()).isEqualTo("RELEASED");
        });
        assertThat(batches.stream().mapToInt(BatchView::cardCount).sum()).isEqualTo(submitted.cardCount());
        assertThat(batches.stream().filter(b -> b.regionCode().equals("150102")).count()).isGreaterThanOrEqualTo(2);
        desk1.forEach(c -> assertThat(status(c)).isEqualTo("RELEASED"));
        desk2.forEach(c -> assertThat(status(c)).isEqualTo("RELEASED"));

        // each batch's file is in the maker's outbox, sealed for that maker, with its manifest
        BatchView first = batches.get(0);
        Path file = folders.outbox(first.makerCode()).resolve(first.dataFileName());
        assertThat(file).exists();
        assertThat(Path.of(file + ".manifest")).exists();
        List<CardRecord> read = new ArrayList<>();
        dataFiles.read(file, first.makerCode(), first.batchNo(), read::add);
        assertThat(read).hasSize(first.cardCount());
        assertThat(read).allSatisfy(r -> assertThat(r.cardNo()).startsWith(first.regionCode()));
        // every resident read for the file is in the audit log as a personal-data read
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'PersonalDataRead'"
                + " AND detail LIKE ?", Integer.class, "%" + first.batchNo() + "%")).isEqualTo(first.cardCount());

        // submitted orders are never planned twice
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);
        PlanView next = users.as("pxsup", () -> plans.generate());
        assertThat(next.cardCount()).isGreaterThanOrEqualTo(1);
        desk1.forEach(c -> assertThat(jdbc.queryForObject("SELECT plan_id FROM production_order WHERE case_id = ?",
                String.class, c)).isEqualTo(submitted.id()));
        users.run("pxsup", () -> plans.discard(next.planNo(), next.version()));
    }

    @Test
    @DisplayName("APP-08: eligible makers are active CARD_MAKER institutions whose credit code has a CARD filing in force; "
            + "a maker cancelled between the draft and the submit gets no file (409 PRODUCTION_NO_MAKER naming the region)")
    void makerEligibilityByFiling() {
        // the demo maker CM-110000 carries the credit code of the demo card manufacturer whose CARD product is filed
        assertThat(context.getBean(cn.healthcard.production.internal.MakerDirectory.class).eligibleFor("110105"))
                .extracting(cn.healthcard.institution.Institution::code).contains("CM-110000");
        String code = "PX-CM-150102";
        String first17 = cn.healthcard.filing.FilingFixtures.creditCode().substring(0, 17);
        String credit = first17 + cn.healthcard.institution.CreditCode.checkCharacter(first17);
        String wrongCheck = first17 + (credit.endsWith("0") ? "1" : "0");
        institutions.registerIfAbsent(new cn.healthcard.institution.InstitutionForm(code, "新城区个人化中心（测试）",
                cn.healthcard.institution.InstitutionKind.CARD_MAKER, "150102", null, "联系人", "0471-0000000", "测试地址",
                "负责人", null, null, credit, null));
        // a card maker's credit code is checked (GB 32100) like a medical institution's
        assertThatThrownBy(() -> institutions.registerIfAbsent(new cn.healthcard.institution.InstitutionForm(
                "PX-CM-150103", "坏代码个人化中心（测试）", cn.healthcard.institution.InstitutionKind.CARD_MAKER, "150102",
                null, "联系人", "0471-0000000", "测试地址", "负责人", null, null, wrongCheck, null)))
                .isInstanceOf(cn.healthcard.common.DomainValidationException.class);
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);

        // registered, but no CARD filing: not eligible
        PlanView unfiled = users.as("pxsup", () -> plans.generate());
        assertThat(unfiled.groups()).filteredOn(g -> g.regionCode().equals("150102")).singleElement()
                .satisfies(g -> assertThat(g.eligibleMakers()).doesNotContain(code));
        users.run("pxsup", () -> plans.discard(unfiled.planNo(), unfiled.version()));

        // its CARD product filed: eligible, and the nearest maker of 150102
        ProductionFixture.fileCard(context.getBean(cn.healthcard.filing.FiledProducts.class),
                context.getBean(cn.healthcard.filing.ManufacturerService.class),
                context.getBean(cn.healthcard.filing.FilingService.class),
                context.getBean(cn.healthcard.workflow.TaskInboxService.class), users, credit);
        PlanView draft = users.as("pxsup", () -> plans.generate());
        assertThat(draft.groups()).filteredOn(g -> g.regionCode().equals("150102")).singleElement()
                .satisfies(g -> {
                    assertThat(g.eligibleMakers()).contains(code);
                    assertThat(g.makerCode()).isEqualTo(code);
                });

        // cancelled before the submit: refused, naming the region; nothing released
        var details = users.as("admin", () -> institutions.details(code));
        users.run("admin", () -> institutions.cancel(code, details.version(), "测试：停止制卡"));
        ConflictException refused = catchThrowableOfType(ConflictException.class,
                () -> users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version())));
        assertThat(refused.code()).isEqualTo(ProductionPlans.NO_MAKER);
        assertThat(refused.field()).isEqualTo("regionCode");
        assertThat(refused.getMessage()).contains("150102");
        assertThat(jdbc.queryForObject("SELECT status FROM production_plan WHERE plan_no = ?", String.class,
                draft.planNo())).isEqualTo("DRAFT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM production_batch b JOIN production_plan p ON p.id = b.plan_id"
                + " WHERE p.plan_no = ?", Integer.class, draft.planNo())).isZero();
        // another maker chosen: the plan goes out (and leaves no order queued for other tests)
        PlanView changed = users.as("pxsup", () -> plans.changeMaker(draft.planNo(), draft.version(), "150102",
                ProductionFixture.MAKER));
        assertThat(users.as("pxsup", () -> plans.submit(changed.planNo(), changed.version())).status())
                .isEqualTo("SUBMITTED");
    }

    @Test
    @DisplayName("APP-08: another province's supervisor sees neither the plan nor its batches; a clerk may not plan; a "
            + "desk's supervisor may not submit, discard or change a centre's plan")
    void regionScoping() {
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);
        PlanView draft = users.as("pxsup", () -> plans.generate());

        assertThatThrownBy(() -> users.as("pxsupother", () -> plans.plan(draft.planNo())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.as("pxsupother", () -> plans.submit(draft.planNo(), draft.version())))
                .isInstanceOf(NotFoundException.class);
        assertThat(users.as("pxsupother", () -> plans.plans(null, null, null)))
                .noneMatch(p -> p.planNo().equals(draft.planNo()));
        assertThatThrownBy(() -> users.as("pxclerk", () -> plans.generate()))
                .isInstanceOf(AccessDeniedException.class);
        // a supervisor of a desk under the centre sees the region but is no centre's supervisor: no change, no submit
        userAdministration.createIfAbsent("pxdesksup", "demo1234", "服务点审核员", ProductionFixture.DESK,
                java.util.Set.of(cn.healthcard.security.Role.SUPERVISOR), false, true);
        for (Runnable attempt : List.<Runnable>of(
                () -> users.as("pxdesksup", () -> plans.submit(draft.planNo(), draft.version())),
                () -> users.run("pxdesksup", () -> plans.discard(draft.planNo(), draft.version())),
                () -> users.as("pxdesksup", () -> plans.changeMaker(draft.planNo(), draft.version(), "150102",
                        ProductionFixture.MAKER_PROVINCE)))) {
            assertThatThrownBy(attempt::run).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("注册管理中心");
        }
        // the centre's supervisor sends it out (and leaves no order queued for other tests)
        PlanView changed = users.as("pxsup", () -> plans.changeMaker(draft.planNo(), draft.version(), "150102",
                ProductionFixture.MAKER));
        assertThat(users.as("pxsup", () -> plans.submit(changed.planNo(), changed.version())).status())
                .isEqualTo("SUBMITTED");
    }

    @Test
    @DisplayName("APP-08: two supervisors submit one plan at the same moment: one wins, the other gets 409; one set of batches")
    void concurrentSubmission() throws Exception {
        ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        PlanView draft = users.as("pxsup", () -> plans.generate());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PlanView>> runs = new ArrayList<>();
            for (String who : List.of("pxsup", "pxsup2")) {
                Callable<PlanView> submit = () -> {
                    start.await();
                    return users.as(who, () -> plans.submit(draft.planNo(), draft.version()));
                };
                runs.add(pool.submit(submit));
            }
            int won = 0;
            int conflicts = 0;
            for (Future<PlanView> run : runs) {
                try {
                    run.get();
                    won++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    assertThat(((ConflictException) e.getCause()).code()).isEqualTo(ProductionPlans.PLAN_CHANGED);
                    conflicts++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(conflicts).isEqualTo(1);
            int batched = jdbc.queryForObject("SELECT SUM(b.card_count) FROM production_batch b JOIN production_plan p"
                    + " ON p.id = b.plan_id WHERE p.plan_no = ?", Integer.class, draft.planNo());
            assertThat(batched).isEqualTo(draft.cardCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("PER-04 APP-08: a card whose resident is missing or cannot be decrypted becomes an error record "
            + "(UNREADABLE, with its reason) and leaves its batch; the other cards and batches are released")
    void unreadableResidentDoesNotBlockThePlan() throws Exception {
        List<String> good = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 2);
        List<String> otherRegion = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK_2, "150203",
                1);
        // a resident whose name no longer decrypts
        String corrupt = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1).get(0);
        // (only while the plan is submitted: tests share the database, and the key update re-encrypts every resident)
        String corruptResident = jdbc.queryForObject("SELECT resident_id FROM production_order WHERE case_id = ?",
                String.class, corrupt);
        String nameEnc = jdbc.queryForObject("SELECT name_enc FROM resident WHERE id = ?", String.class,
                corruptResident);
        jdbc.update("UPDATE resident SET name_enc = 'not-a-ciphertext' WHERE id = ?", corruptResident);
        // an order whose resident does not exist
        String missing = "PXC-" + java.util.UUID.randomUUID();
        cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> orders.requestCardProduction(
                new ProductionRequest(missing, java.util.UUID.randomUUID().toString(), "150102",
                        ProductionFixture.DESK)));

        PlanView draft = users.as("pxsup", () -> plans.generate());
        PlanView submitted;
        try {
            submitted = users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version()));
        } finally {
            jdbc.update("UPDATE resident SET name_enc = ? WHERE id = ?", nameEnc, corruptResident);
        }
        assertThat(submitted.status()).isEqualTo("SUBMITTED");

        good.forEach(c -> assertThat(status(c)).isEqualTo("RELEASED"));
        otherRegion.forEach(c -> assertThat(status(c)).isEqualTo("RELEASED"));
        for (String bad : List.of(corrupt, missing)) {
            assertThat(status(bad)).isEqualTo("ERROR");
            assertThat(jdbc.queryForObject("SELECT card_no FROM production_order WHERE case_id = ?", String.class,
                    bad)).isNull();
            var record = jdbc.queryForMap("SELECT kind, reason, batch_no FROM production_error WHERE case_id = ?",
                    bad);
            assertThat(record.get("KIND")).isEqualTo(ProductionPlans.UNREADABLE);
            assertThat((String) record.get("REASON")).isNotBlank();
        }
        assertThat((String) jdbc.queryForObject("SELECT reason FROM production_error WHERE case_id = ?", String.class,
                missing)).contains("不存在");
        // the batch of 150102 holds exactly the good cards, and its file and manifest name only them
        List<BatchView> batches = users.as("pxsup", () -> plans.batches(submitted.planNo(), null, null, null, null,
                null, null));
        BatchView batch = batches.stream().filter(b -> b.regionCode().equals("150102")).findFirst().orElseThrow();
        assertThat(batches.stream().filter(b -> b.regionCode().equals("150102")).mapToInt(BatchView::cardCount).sum())
                .isEqualTo(batches.stream().filter(b -> b.regionCode().equals("150102"))
                        .mapToInt(b -> jdbc.queryForObject("SELECT COUNT(*) FROM production_order WHERE batch_no = ?",
                                Integer.class, b.batchNo())).sum());
        // (the floor may already have taken the file in: its sealed size is in the audited build event)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'ProductionDataFileBuilt'"
                + " AND subject_id = ? AND detail LIKE ?", Integer.class, batch.dataFileName(),
                "%cards=" + batch.cardCount() + " %")).isEqualTo(1);
        for (String bad : List.of(corrupt, missing)) {
            assertThat(jdbc.queryForObject("SELECT batch_no FROM production_order WHERE case_id = ?", String.class,
                    bad)).isNull();
        }
        assertThat(batches).anySatisfy(b -> assertThat(b.regionCode()).isEqualTo("150203"));

        // the issuer resends after correcting: the order is queued again (and leaves none queued for other tests)
        users.run("pxsup", () -> context.getBean(ProductionErrors.class).resend(missing));
        assertThat(status(missing)).isEqualTo("QUEUED");
        jdbc.update("UPDATE production_order SET status = 'ERROR' WHERE case_id = ?", missing);
    }

    @Test
    @DisplayName("PER-04 APP-08 (review 14): a resident without a photo makes no card: an UNREADABLE error record "
            + "naming 「照片」, left out of its batch, while the other cards are released")
    void residentWithoutPhotoIsAnErrorRecord() {
        List<String> good = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1);
        String noPhoto = ProductionFixture.queue(orders, residents, tx, ProductionFixture.DESK, "150102", 1).get(0);
        jdbc.update("DELETE FROM resident_photo WHERE resident_id = (SELECT resident_id FROM production_order"
                + " WHERE case_id = ?)", noPhoto);
        PlanView draft = users.as("pxsup", () -> plans.generate());
        users.as("pxsup", () -> plans.submit(draft.planNo(), draft.version()));
        assertThat(status(good.get(0))).isEqualTo("RELEASED");
        assertThat(status(noPhoto)).isEqualTo("ERROR");
        var record = jdbc.queryForMap("SELECT kind, reason FROM production_error WHERE case_id = ?", noPhoto);
        assertThat(record.get("KIND")).isEqualTo(ProductionPlans.UNREADABLE);
        assertThat((String) record.get("REASON")).isEqualTo("「照片」为空，无法制卡");
    }

    @Test
    @DisplayName("PER-03 PER-05: a batch's data file carries each card's own application keys, derived from its city's "
            + "level-3 roots in the centre's device and only wrapped under the maker's transport key: no key is in the "
            + "file's bytes, the maker's reader unwraps the card keys in its device, and no root reaches the maker")
    void applicationKeysInTheDataFile() throws Exception {
        // the city's level-3 roots, as the key ceremonies leave them in the centre's device
        List<cn.healthcard.crypto.device.KeyId> roots = new ArrayList<>();
        for (String label : List.of("hc.app-data-read.150900", "hc.internal-auth.150900")) {
            roots.add(device.currentKey(label));
        }
        String residentId = cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> tx.execute(t ->
                residents.register(cn.healthcard.support.TestResidents.newResident("密钥测试"), "150902").id()));
        String batchNo = "PCKEY" + System.nanoTime() % 1_000_000_000L;
        String cardNo = "150902" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        var files = context.getBean(cn.healthcard.production.internal.BatchFiles.class);
        var written = files.write(batchNo, ProductionFixture.MAKER, ProductionFixture.CENTRE, "150902", 1,
                List.of(new cn.healthcard.production.internal.BatchFiles.BatchCard("PXK-" + batchNo, residentId,
                        "150902", cardNo)), c -> c.cardNo());
        assertThat(written.rejected()).isEmpty();
        Path file = folders.outbox(ProductionFixture.MAKER).resolve(written.sealed().fileName());
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (var root : roots) {
                assertThat(cn.healthcard.production.datafile.DataFileTestSupport.holdsKeyInTheClear(bytes,
                        device.keyCheckValue(root))).isFalse();
                assertThat(cn.healthcard.production.datafile.DataFileTestSupport.holdsKeyInTheClear(bytes,
                        device.keyCheckValue(cn.healthcard.production.datafile.DataFileFormat.cardKey(root,
                                cardNo)))).isFalse();
            }
            // the in-process maker shares the centre's device here: its imported card keys carry their own ids
            var read = dataFiles.read(file, ProductionFixture.MAKER, batchNo, c -> { });
            assertThat(read.applicationKeys()).containsExactlyElementsOf(roots.stream()
                    .map(r -> cn.healthcard.production.datafile.DataFileFormat.cardKeyId(r, cardNo)).toList());
            for (var root : roots) {
                assertThat(device.keyCheckValue(cn.healthcard.production.datafile.DataFileFormat.cardKeyId(root,
                        cardNo))).isEqualTo(device.keyCheckValue(
                        cn.healthcard.production.datafile.DataFileFormat.cardKey(root, cardNo)));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".manifest"));
        }
    }

    @Test
    @DisplayName("PER-03 PER-05 (attack): a city with no level-3 key is not served the province's level-2 key (the "
            + "parent of every city's root and the e-card root): the data file is refused with 409 "
            + "PRODUCTION_NO_APPLICATION_KEY naming the region, and nothing is written")
    void noProvinceKeyForACityWithout() throws Exception {
        // a province with level-2 roots (a test-only province code) and a city without level-3 keys
        for (String label : List.of("hc.app-data-read.650000", "hc.internal-auth.650000")) {
            if (device.versions(label).isEmpty()) {
                device.generateSymmetricKey(label, cn.healthcard.crypto.device.KeyUsage.DERIVATION);
            }
        }
        String residentId = cn.healthcard.security.SecurityContextUsers.runAsSystem(() -> tx.execute(t ->
                residents.register(cn.healthcard.support.TestResidents.newResident("无三级密钥"), "650102").id()));
        String batchNo = "PCNOK" + System.nanoTime() % 1_000_000_000L;
        var files = context.getBean(cn.healthcard.production.internal.BatchFiles.class);
        var outboxBefore = listing(folders.outbox(ProductionFixture.MAKER));
        cn.healthcard.common.ConflictException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                cn.healthcard.common.ConflictException.class, () -> files.write(batchNo, ProductionFixture.MAKER,
                        ProductionFixture.CENTRE, "650102", 1,
                        List.of(new cn.healthcard.production.internal.BatchFiles.BatchCard("PXN-" + batchNo,
                                residentId, "650102", "650102000000000001")), c -> c.cardNo()));
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("PRODUCTION_NO_APPLICATION_KEY");
        assertThat(refused.field()).isEqualTo("regionCode");
        assertThat(refused.getMessage()).contains("650102").contains("650100");
        assertThat(listing(folders.outbox(ProductionFixture.MAKER))).isEqualTo(outboxBefore);
    }

    private static List<String> listing(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("PCNOK")).sorted().toList();
        }
    }
}
