package cn.healthcard.supervision.internal;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardAction;
import cn.healthcard.card.CardChange;
import cn.healthcard.card.CardUseService;
import cn.healthcard.ehc.EhcTestSupport;
import cn.healthcard.ehc.TerminalService;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationSubmitted;
import cn.healthcard.issuance.ApplicationEvents.CardPickedUp;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollups give the same numbers as the plain queries over the source tables (decision 036): after a rebuild
 * from V38's backfill, and after business events kept them (before and after a fold); concurrent folds lose and
 * double nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRollupMatchesSourcesIT {

    @Autowired FlowQueries flows;
    @Autowired OverviewQueries overview;
    @Autowired StatRollup rollup;
    @Autowired StatFold fold;
    @Autowired AssessmentFold assessmentFold;
    @Autowired CardService cards;
    @Autowired CardUseService uses;
    @Autowired TerminalService terminals;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired cn.healthcard.institution.InstitutionService institutions;
    @Autowired cn.healthcard.security.UserAdministration accounts;
    @Autowired cn.healthcard.logistics.ReceiverService receivers;
    @Autowired cn.healthcard.logistics.internal.ProductionEvents productionEvents;
    @Autowired cn.healthcard.logistics.ShipmentService shipments;
    @Autowired cn.healthcard.logistics.WarehouseService warehouse;
    @Autowired cn.healthcard.logistics.StockService stock;
    @Autowired cn.healthcard.workflow.TaskInboxService inbox;
    @Autowired cn.healthcard.issuance.CardApplicationService applications;

    @Autowired StatisticsFixture fixture;

    @BeforeAll
    void setUp() {
        fixture.ensure();
        users.run("admin", rollup::rebuild);
    }

    @AfterAll
    void tearDown() {
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 SUP-03 STAT-01: rebuilt rollups equal the plain queries for every scope and period")
    void rebuiltEqualsPlain() {
        LocalDate from = StatisticsFixture.FROM.minusMonths(1);
        LocalDate to = StatisticsFixture.TO.plusMonths(1);
        for (String user : List.of("stsup34", "stsup3401", "stsup37")) {
            for (Granularity g : Granularity.values()) {
                StatisticsFilter f = StatisticsFilter.of(from, to).withGranularity(g);
                same(user, f);
            }
            same(user, StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO)
                    .withGranularity(Granularity.MONTH).withInstitution("ST-340102"));
            same(user, new StatisticsFilter(from, to, Granularity.DAY, null, null, null, "PHARMACY", false));
        }
        assertThat(users.as("stsup34", () -> flows.issuing(Scope.of(StatisticsFilter.of(StatisticsFixture.FROM,
                StatisticsFixture.TO).withGranularity(Granularity.MONTH)), true))).extracting(r -> r.unsigned())
                .containsExactly(2L, 0L);
    }

    @Test
    @DisplayName("SUP-02 SUP-03 STAT-01: business events keep the rollups equal to the sources, before and after a fold")
    void eventsKeepRollups() {
        ensureShaanxi();
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        String app = "SQSTL" + System.nanoTime() % 1_000_000_000L;
        String cardNo = "000000SL" + String.format("%010d", System.nanoTime() % 1_000_000_000L);
        String resident = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0004'",
                String.class);
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        // a submitted application (the clerk's desk), its card made by the maker's answer, signed for, two uses
        users.run("stclerk61", () -> tx.executeWithoutResult(st -> {
            jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status,"
                    + " channel, created_by, created_at, updated_at, version) VALUES (?, ?, 'ST-610102', '610102',"
                    + " 'SUBMITTED', 'UI', 'stclerk61', ?, ?, 0)", app, resident, now, now);
            events.publishEvent(new CardApplicationSubmitted(app, "610102", "UI", resident));
        }));
        SecurityContextUsers.runAsSystem(() -> tx.execute(st -> cards.registerProduced(cardNo, resident, app,
                "610102", "ST-610102", null)));
        users.run("stclerk61", () -> tx.executeWithoutResult(st -> {
            jdbc.update("UPDATE card_application SET card_no = ?, picked_up_at = ?, status = 'ISSUED' WHERE id = ?",
                    cardNo, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), app);
            events.publishEvent(new CardPickedUp(app, "610102", cardNo, true));
        }));
        // the card module's own paths: activated on pick-up, two uses recorded at a registered terminal, then lost
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, CardAction.ACTIVATE,
                CardChange.because("领卡启用")));
        users.run("admin", () -> {
            if (terminals.list().stream().noneMatch(t -> t.terminalId().equals("STL-T1"))) {
                terminals.register("STL-T1", "ST-H610102", EhcTestSupport.TERMINAL_MAKER,
                        EhcTestSupport.TERMINAL_MODEL, "统计测试终端");
            }
        });
        for (String scenario : List.of("PHARMACY", "REGISTRATION")) {
            users.run("stclerk61", () -> uses.recordUse(cardNo, new CardUseService.UseReport("ST-H610102", "STL-T1",
                    null, scenario)));
        }
        SecurityContextUsers.runAsSystem(() -> cards.transition(cardNo, CardAction.REPORT_LOSS,
                CardChange.because("挂失")));
        StatisticsFilter todays = StatisticsFilter.of(today.minusDays(1), today);
        List<?> plain = users.as("stsup61", () -> flows.issuing(Scope.of(todays), false));
        assertThat(plain).isNotEmpty();
        same("stsup61", todays);
        same("stsup61", todays.withGranularity(Granularity.MONTH));
        fold.foldOnce();
        same("stsup61", todays);
        same("stsup61", todays.withGranularity(Granularity.WEEK));
        assertThat(users.as("stsup61", () -> flows.usage(Scope.of(todays), true))).hasSize(2);
        // the hospital moves to another city: its uses stay in the region they were recorded in, in both sources
        jdbc.update("UPDATE institution SET region_code = '610202' WHERE code = 'ST-H610102'");
        try {
            same("stsup61", todays);
            assertThat(users.as("stsup61", () -> flows.usage(Scope.of(todays), false)))
                    .extracting(r -> r.regionCode()).containsOnly("610100");
        } finally {
            jdbc.update("UPDATE institution SET region_code = '610102' WHERE code = 'ST-H610102'");
        }
        // the status changes went through the events: the lost card is counted as lost, not as ready or active
        assertThat(users.as("stsup61", () -> overview.overview(Scope.of(todays), true)))
                .filteredOn(r -> r.category().equals("CARDS")).extracting(r -> r.item() + "=" + r.count())
                .contains("REPORTED_LOST=1").doesNotContain("READY=1", "ACTIVE=1");
    }

    @Test
    @DisplayName("SUP-02: issued and unsigned from the rollup (ARRIVED, ARRIVED_PICKED) equal the logistics data after"
            + " the real receipt at the desk, the real instant card and the real pick-ups, before and after a fold")
    void arrivalsKeepRollups() {
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        StatisticsFilter todays = StatisticsFilter.of(today.minusDays(1), today);
        // a batch of two cards for the Lanzhou desk, sealed at the maker; the cards and their applications exist
        var world = new cn.healthcard.logistics.LogisticsFixtures(institutions, accounts, receivers, users,
                cn.healthcard.logistics.LogisticsFixtures.logisticsOnly(productionEvents)).world();
        accounts.createIfAbsent("stsup62", cn.healthcard.logistics.LogisticsFixtures.SECRET, "甘统计", "GS-620000",
                java.util.Set.of(cn.healthcard.security.Role.SUPERVISOR), false, true);
        var batch = world.sealBatch(1, 2);
        String resident = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0004'",
                String.class);
        List<String> apps = new ArrayList<>();
        for (String cardNo : batch.boxes().get(0).cardNos()) {
            String app = "SQAR" + cardNo.substring(8);
            apps.add(app);
            LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
            users.run(cn.healthcard.logistics.LogisticsFixtures.CLERK, () -> tx.executeWithoutResult(st -> {
                jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status,"
                        + " channel, created_by, created_at, updated_at, version, card_no) VALUES (?, ?, 'GS-620102',"
                        + " '620102', 'READY', 'UI', 'gsclerk', ?, ?, 0, ?)", app, resident, now, now, cardNo);
                events.publishEvent(new CardApplicationSubmitted(app, "620102", "UI", resident));
            }));
            SecurityContextUsers.runAsSystem(() -> tx.execute(st -> cards.registerProduced(cardNo, resident, app,
                    "620102", "GS-620102", null)));
        }
        assertThat(users.as("stsup62", () -> flows.issuing(Scope.of(todays), false)))
                .extracting(r -> r.issued()).containsOnly(0L);
        // maker → centre, centre → desk: the real receipt books both cards into stock at their desk
        world.receiveAtCentre(shipments, inbox, batch);
        var out = users.as(cn.healthcard.logistics.LogisticsFixtures.KEEPER, () -> warehouse.warehouseOut(
                new cn.healthcard.logistics.WarehouseOutData(cn.healthcard.logistics.LogisticsFixtures.DESK,
                        batch.batchNo(), "ST-SEAL-" + batch.batchNo().substring(8))));
        users.run(cn.healthcard.logistics.LogisticsFixtures.KEEPER, () -> shipments.dispatch(world.task(inbox,
                cn.healthcard.logistics.LogisticsFixtures.KEEPER, out.shipmentNo(),
                cn.healthcard.logistics.ShipmentService.DISPATCH_TASK), new cn.healthcard.logistics.DispatchData(
                "ST-DELIVERY", "中心送货员", today.plusDays(1))));
        String deskKeeper = cn.healthcard.logistics.LogisticsFixtures.DESK_KEEPER;
        users.run(deskKeeper, () -> shipments.deliver(world.task(inbox, deskKeeper, out.shipmentNo(),
                cn.healthcard.logistics.ShipmentService.DELIVER_TASK)));
        users.run(deskKeeper, () -> shipments.count(world.task(inbox, deskKeeper, out.shipmentNo(),
                cn.healthcard.logistics.ShipmentService.COUNT_TASK), new cn.healthcard.logistics.CountData(2, true,
                List.of(), List.of(), null)));
        assertThat(users.as("stsup62", () -> flows.issuing(Scope.of(todays), false)))
                .extracting(r -> r.issued() + "/" + r.unsigned()).containsExactly("2/2");
        same("stsup62", todays);
        // one of them handed out at its desk and signed for
        String picked = batch.boxes().get(0).cardNos().get(0);
        users.run(cn.healthcard.logistics.LogisticsFixtures.CLERK, () -> tx.executeWithoutResult(st -> {
            stock.issueAtDesk(picked, apps.get(0));
            jdbc.update("UPDATE card_application SET picked_up_at = ?, status = 'ISSUED' WHERE id = ?",
                    LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), apps.get(0));
            events.publishEvent(new CardPickedUp(apps.get(0), "620102", picked, true));
        }));
        assertThat(users.as("stsup62", () -> flows.issuing(Scope.of(todays), false)))
                .extracting(r -> r.issued() + "/" + r.signed() + "/" + r.unsigned()).containsExactly("2/1/1");
        for (Granularity g : Granularity.values()) {
            same("stsup62", todays.withGranularity(g));
        }
        fold.foldOnce();
        same("stsup62", todays);
        // an instant card made at the Beijing desk, through the whole application: in stock there at once, picked up
        var scenario = new cn.healthcard.support.CardApplicationScenarios(applications, inbox, cards, users);
        String id = scenario.submit("clerk", cn.healthcard.support.TestResidents.newResident("到网点")).applicationId();
        scenario.review("supervisor", id, cn.healthcard.workflow.Review.Outcome.APPROVE, null);
        scenario.awaitStatus("clerk", id, cn.healthcard.issuance.ApplicationStatus.READY);
        same("supervisor", todays);
        var pickup = scenario.task("clerk", id, cn.healthcard.issuance.CardApplicationService.PICKUP_TASK);
        users.as("clerk", () -> applications.registerPickup(pickup.taskId(),
                new cn.healthcard.issuance.PickupData(true, null, null, null, true, null)));
        same("supervisor", todays);
        same("supervisor", todays.withGranularity(Granularity.MONTH));
        fold.foldOnce();
        same("supervisor", todays.withGranularity(Granularity.WEEK));
        assertThat(users.as("supervisor", () -> flows.issuing(Scope.of(todays), true)))
                .filteredOn(r -> r.institutionCode().equals("BJ-110105")).extracting(r -> r.issued())
                .allMatch(n -> n >= 1);
        // the backfill (V43) gives what the events kept
        users.run("admin", rollup::rebuild);
        same("stsup62", todays);
        same("supervisor", todays);
    }

    @Test
    @DisplayName("SUP-04: the assessment from the folded days and the sources after the watermark equals the sources,"
            + " wherever the watermark lies")
    void assessmentWatermark() {
        StatisticsFilter october = StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO)
                .withGranularity(Granularity.MONTH);
        try {
            for (LocalDate until : List.of(StatisticsFixture.FROM, StatisticsFixture.FROM.plusDays(6),
                    StatisticsFixture.TO, StatisticsFixture.TO.plusDays(1))) {
                tx.executeWithoutResult(st -> {
                    jdbc.update("DELETE FROM stat_day WHERE kind IN ('TASK_DONE', 'TASK_MS', 'REVIEWED')");
                    assessmentFold.reset();
                });
                assessmentFold.fold(until);
                assertThat(assessmentFold.folded()).isEqualTo(until);
                for (String user : List.of("stsup34", "stsup3401", "stsup37")) {
                    users.run(user, () -> {
                        Scope s = Scope.of(october);
                        assertThat(flows.assessment(s, true)).as(user + " until " + until)
                                .isEqualTo(flows.assessment(s, false)).isNotEmpty();
                    });
                }
            }
            // a fold never goes back, nor folds a day twice
            assertThat(assessmentFold.fold(StatisticsFixture.FROM)).isZero();
        } finally {
            users.run("admin", rollup::rebuild);
        }
    }

    @Test
    @DisplayName("APP-04: the categories name the document type (居民身份证, not 01) and count the holder's age on the"
            + " day of the application, from the rollup as from the sources")
    void applicationCategoryLabels() {
        StatisticsFilter october = StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO);
        users.run("stsup34", () -> {
            Scope s = Scope.of(october);
            assertThat(overview.applicationCategories(s, true)).filteredOn(r -> r.category().equals("DOCUMENT"))
                    .extracting(r -> r.label()).containsExactly("居民身份证");
        });
        assertThat(StatDeltas.ageBand(LocalDate.of(2008, 10, 7), LocalDate.of(2026, 10, 6))).isEqualTo("0-17");
        assertThat(StatDeltas.ageBand(LocalDate.of(2008, 10, 7), LocalDate.of(2026, 10, 7))).isEqualTo("18-39");
        assertThat(StatDeltas.ageBand(LocalDate.of(1966, 2, 28), LocalDate.of(2026, 2, 28))).isEqualTo("60+");
        assertThat(StatDeltas.ageBand(null, LocalDate.of(2026, 2, 28))).isEqualTo("unknown");
    }

    @Test
    @DisplayName("SUP-02: concurrent folds and inserts lose no delta and count none twice")
    void concurrentFolds() throws Exception {
        int threads = 4;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        jdbc.update("INSERT INTO stat_delta (kind, stat_date, region_code, institution_code, dim1,"
                                + " dim2, n) VALUES ('FOLD_TEST', ?, '999999', 'x', ?, '-', 1)",
                                LocalDate.of(2026, 1, 1 + i % 3), "d" + (i % 2));
                    }
                }));
            }
            for (int f = 0; f < 2; f++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        fold.foldOnce();
                    }
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        fold.foldOnce();
        Long folded = jdbc.queryForObject("SELECT COALESCE(SUM(n), 0) FROM stat_day WHERE kind = 'FOLD_TEST'",
                Long.class);
        Long left = jdbc.queryForObject("SELECT COALESCE(SUM(n), 0) FROM stat_delta WHERE kind = 'FOLD_TEST'",
                Long.class);
        assertThat(folded + left).isEqualTo((long) threads * perThread);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stat_day WHERE kind = 'FOLD_TEST'", Integer.class))
                .isEqualTo(6);
        jdbc.update("DELETE FROM stat_day WHERE kind = 'FOLD_TEST'");
        jdbc.update("DELETE FROM stat_delta WHERE kind = 'FOLD_TEST'");
    }

    private void same(String user, StatisticsFilter f) {
        users.run(user, () -> {
            Scope s = Scope.of(f);
            assertThat(flows.issuing(s, true)).as(user + " issuing " + f).isEqualTo(flows.issuing(s, false));
            assertThat(flows.usage(s, true)).as(user + " usage " + f).isEqualTo(flows.usage(s, false));
            assertThat(overview.overview(s, true)).as(user + " overview " + f).isEqualTo(overview.overview(s, false));
            assertThat(overview.applicationCategories(s, true)).as(user + " APP-04 " + f)
                    .isEqualTo(overview.applicationCategories(s, false));
            assertThat(flows.assessment(s, true)).as(user + " assessment " + f)
                    .isEqualTo(flows.assessment(s, false));
            // the series (decision 040: per day over the scope) from either source, and equal to the table's sums
            var usage = flows.usage(s, false);
            var issuing = flows.issuing(s, false);
            for (int m = 0; m < 7; m++) {
                java.util.Map<String, Long> rolled = new java.util.TreeMap<>();
                java.util.Map<String, Long> plain = new java.util.TreeMap<>();
                java.util.Map<String, Long> table = new java.util.TreeMap<>();
                if (m < 5) {
                    flows.issuingSeries(s, m, true, rolled);
                    flows.issuingSeries(s, m, false, plain);
                    int slot = m;
                    issuing.forEach(r -> table.merge(r.period(), new long[]{r.applied(), r.made(), r.issued(),
                            r.signed(), r.unsigned()}[slot], Long::sum));
                } else {
                    boolean verifications = m == 6;
                    flows.usageSeries(s, verifications, true, rolled);
                    flows.usageSeries(s, verifications, false, plain);
                    usage.forEach(r -> table.merge(r.period(), verifications ? r.ecardVerifications() : r.cardUses(),
                            Long::sum));
                }
                rolled.values().removeIf(v -> v == 0);
                plain.values().removeIf(v -> v == 0);
                table.values().removeIf(v -> v == 0);
                assertThat(rolled).as(user + " series " + m + " " + f).isEqualTo(plain).isEqualTo(table);
            }
            Scope own = Scope.ofUser(java.time.Clock.systemUTC());
            assertThat(overview.dashboard(own, true)).as(user + " dashboard").isEqualTo(overview.dashboard(own, false));
        });
    }

    private void ensureShaanxi() {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM institution WHERE code = 'ST-610102'",
                Integer.class);
        if (present != null && present > 0) {
            return;
        }
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES"
                + " ('ST-C610000', '陕西省注册管理中心(统计)', '610000', 'REGISTRATION_CENTRE', TRUE, ?)", now);
        jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES"
                + " ('ST-610102', '西安新城服务网点', '610102', 'SERVICE_POINT', TRUE, ?)", now);
        jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES"
                + " ('ST-H610102', '西安第一医院', '610102', 'MEDICAL', TRUE, ?)", now);
        for (String[] u : new String[][]{{"stsup61", "ST-C610000", "SUPERVISOR"},
                {"stclerk61", "ST-610102", "CLERK"}}) {
            jdbc.update("INSERT INTO app_user (username, password_hash, display_name, institution_code, group_lead,"
                    + " enabled, demo) SELECT ?, password_hash, ?, ?, FALSE, TRUE, TRUE FROM app_user"
                    + " WHERE username = 'supervisor'", u[0], u[0], u[1]);
            jdbc.update("INSERT INTO app_user_role (username, role) VALUES (?, ?)", u[0], u[2]);
        }
    }
}
