package cn.healthcard.supervision;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.issuance.ApplicationEvents.CardApplicationReviewed;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.supervision.internal.StatRollup;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed data set for the statistics ITs, in regions no other test uses: Anhui (340000; cities Hefei 340100 and Wuhu
 * 340200) and Shandong (370000; city Jinan 370100), October 2026. Rows are written directly (the domain path would
 * take minutes), residents through the resident service (their names are encrypted). The expected numbers are in
 * {@link AbstractSupervisionStatisticsIT}.
 */
@Component
public final class StatisticsFixture {

    public static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    public static final LocalDate TO = LocalDate.of(2026, 10, 31);
    public static final String OVERDUE_TASK = "st-overdue-task";
    /** An overdue group task (no assignee) of application SQST0004: counted under the case's desk. */
    public static final String OVERDUE_GROUP_TASK = "st-overdue-group";

    private final JdbcTemplate jdbc;
    private final TestUsers users;
    private final TransactionTemplate tx;
    private final ResidentService residents;
    private final ApplicationEventPublisher events;
    private final StatRollup rollups;
    private final List<String> residentIds = new ArrayList<>();

    /** One per application context (a test bean): the data set is written once per database. */
    StatisticsFixture(JdbcTemplate jdbc, TestUsers users, TransactionTemplate tx, ResidentService residents,
                      ApplicationEventPublisher events, StatRollup rollups) {
        this.jdbc = jdbc;
        this.users = users;
        this.tx = tx;
        this.residents = residents;
        this.events = events;
        this.rollups = rollups;
    }

    /** Writes the data set once per database; the overdue task again when a test class removed it. */
    public void ensure() {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM institution WHERE code = 'ST-340102'",
                Integer.class);
        if (present == null || present == 0) {
            write();
            rebuildRollups();
        }
        Integer task = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ = ?", Integer.class,
                OVERDUE_TASK);
        if (task == null || task == 0) {
            jdbc.update("INSERT INTO ACT_RU_TASK (ID_, REV_, NAME_, TASK_DEF_KEY_, ASSIGNEE_, PRIORITY_, CREATE_TIME_,"
                    + " SUSPENSION_STATE_) VALUES (?, 1, '审核', 'review', 'stclerk34', 50, ?, 1)", OVERDUE_TASK,
                    LocalDateTime.now(ZoneId.systemDefault()).minusDays(5));
            jdbc.update("INSERT INTO inbox_entry (task_id, process_instance_id, process_key, region_code, business_key,"
                    + " applicant_name) VALUES (?, 'st-none', 'card-application', '340102', 'SQST0009', '张小三')",
                    OVERDUE_TASK);
        }
        task = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ = ?", Integer.class, OVERDUE_GROUP_TASK);
        if (task == null || task == 0) {
            jdbc.update("INSERT INTO ACT_RU_TASK (ID_, REV_, NAME_, TASK_DEF_KEY_, PRIORITY_, CREATE_TIME_,"
                    + " SUSPENSION_STATE_) VALUES (?, 1, '审核', 'review', 50, ?, 1)", OVERDUE_GROUP_TASK,
                    LocalDateTime.now(ZoneId.systemDefault()).minusDays(4));
            jdbc.update("INSERT INTO inbox_entry (task_id, process_instance_id, process_key, region_code, business_key,"
                    + " applicant_name) VALUES (?, 'st-none', 'card-application', '340102', 'SQST0004', '李华')",
                    OVERDUE_GROUP_TASK);
        }
    }

    /** The day of {@link #bulkUses}: nobody else asks for it. */
    public static final LocalDate BULK_DAY = LocalDate.of(2001, 1, 15);
    /** The county of {@link #bulkUses} (Fujian, free for the statistics tests). */
    public static final String BULK_REGION = "350102";

    /**
     * More card uses than a case list counts exactly (10,005, on {@link #BULK_DAY} in {@link #BULK_REGION}) by the
     * terminal given; {@link #removeBulkUses} takes them away again.
     */
    public void bulkUses(String terminal) {
        LocalDateTime at = BULK_DAY.atTime(2, 0);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < CaseCount.CAP + 5; i++) {
            rows.add(new Object[]{terminal, at.plusSeconds(i)});
        }
        jdbc.batchUpdate("INSERT INTO card_use (card_no, temporary, institution_code, terminal_id, scenario, used_at,"
                + " recorded_by, recorded_at, region_code) VALUES ('000000ST0000000001', FALSE, 'ST-H350102', ?,"
                + " 'REGISTRATION', ?, 'st', CURRENT_TIMESTAMP, '" + BULK_REGION + "')", rows);
    }

    public void removeBulkUses(String terminal) {
        jdbc.update("DELETE FROM card_use WHERE region_code = ? AND terminal_id = ?", BULK_REGION, terminal);
    }

    /**
     * Rebuilds the statistics rollups from the source tables (decisions 036, 040): the fixture, like a bulk load,
     * writes most rows around the events, and the statistics read the rollups by default. Call it after writing more
     * source rows by hand.
     */
    public void rebuildRollups() {
        users.run("admin", rollups::rebuild);
    }

    /** Removes the engine rows the fixture made up (other tests' task lists must not see them). */
    public void removeRuntimeRows() {
        for (String task : List.of(OVERDUE_TASK, OVERDUE_GROUP_TASK)) {
            jdbc.update("DELETE FROM inbox_entry WHERE task_id = ?", task);
            jdbc.update("DELETE FROM ACT_RU_TASK WHERE ID_ = ?", task);
        }
    }

    private void write() {
        institution("ST-C340000", "安徽省注册管理中心(统计)", "340000", "REGISTRATION_CENTRE");
        institution("ST-C340100", "合肥市注册管理中心(统计)", "340100", "REGISTRATION_CENTRE");
        institution("ST-C370000", "山东省注册管理中心(统计)", "370000", "REGISTRATION_CENTRE");
        institution("ST-340102", "合肥瑶海服务网点", "340102", "SERVICE_POINT");
        institution("ST-340202", "芜湖镜湖服务网点", "340202", "SERVICE_POINT");
        institution("ST-370102", "济南历下服务网点", "370102", "SERVICE_POINT");
        institution("ST-MK1", "皖卡制卡厂", "340000", "CARD_MAKER");
        institution("ST-MK2", "鲁卡制卡厂", "370000", "CARD_MAKER");
        institution("ST-H340102", "合肥第一医院", "340102", "MEDICAL");
        institution("ST-H370102", "济南第一医院", "370102", "MEDICAL");
        user("stsup34", "ST-C340000", "SUPERVISOR");
        user("staud34", "ST-C340000", "AUDITOR");
        user("stsup3401", "ST-C340100", "SUPERVISOR");
        user("stsup37", "ST-C370000", "SUPERVISOR");
        user("stclerk34", "ST-340102", "CLERK");
        users.run("stclerk34", () -> tx.executeWithoutResult(s -> {
            for (int i = 0; i < 9; i++) {
                residentIds.add(residents.register(TestResidents.newResident(i % 2 == 0 ? "王小明" : "李华"),
                        "340102").id());
            }
        }));
        // desk 340102: A1 made 10-06 signed 10-08; A2 made 10-06 never signed; A3 made 10-20 signed 11-02; A4 waits
        application("SQST0001", 0, "ST-340102", "340102", "ISSUED", "2026-10-03T09:00", "000000ST0000000001", "2026-10-08T10:00");
        application("SQST0002", 1, "ST-340102", "340102", "READY", "2026-10-03T09:30", "000000ST0000000002", null);
        application("SQST0003", 2, "ST-340102", "340102", "ISSUED", "2026-10-12T11:00", "000000ST0000000003", "2026-11-02T10:00");
        application("SQST0004", 3, "ST-340102", "340102", "SUBMITTED", "2026-10-12T15:00", null, null);
        // desk 340202: A5 made 10-09 signed 10-10; A6 applied in September, made and signed 10-02
        application("SQST0005", 4, "ST-340202", "340202", "ISSUED", "2026-10-05T09:00", "000000ST0000000004", "2026-10-10T09:00");
        application("SQST0006", 5, "ST-340202", "340202", "ISSUED", "2026-09-28T09:00", "000000ST0000000005", "2026-10-02T16:00");
        // desk 370102 (Shandong)
        application("SQST0007", 6, "ST-370102", "370102", "ISSUED", "2026-10-04T09:00", "000000ST0000000006", "2026-10-07T17:00");
        application("SQST0008", 7, "ST-370102", "370102", "SUBMITTED", "2026-10-04T10:00", null, null);
        card("000000ST0000000001", 0, "SQST0001", "340102", "ST-340102", "ACTIVE", "2026-10-06T10:00");
        card("000000ST0000000002", 1, "SQST0002", "340102", "ST-340102", "READY", "2026-10-06T10:00");
        card("000000ST0000000003", 2, "SQST0003", "340102", "ST-340102", "ACTIVE", "2026-10-20T23:30");
        card("000000ST0000000004", 4, "SQST0005", "340202", "ST-340202", "REPORTED_LOST", "2026-10-09T08:00");
        card("000000ST0000000005", 5, "SQST0006", "340202", "ST-340202", "ACTIVE", "2026-10-02T07:30");
        card("000000ST0000000006", 6, "SQST0007", "370102", "ST-370102", "ACTIVE", "2026-10-07T12:00");
        // a replacement card (no application): made, never "issued" in the SUP-02 sense
        card("000000ST0000000007", 0, null, "340102", "ST-340102", "READY", "2026-10-15T10:00");
        // today: one more application waiting for review, and 000000ST0000000004 reported lost this week
        jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status, channel,"
                + " created_by, created_at, updated_at, version) VALUES ('SQST0009', ?, 'ST-340102', '340102',"
                + " 'SUBMITTED', 'UI', 'stclerk34', ?, ?, 0)", residentIds.get(8), nowUtc(), nowUtc());
        jdbc.update("INSERT INTO card_event (card_no, seq, action, from_status, to_status, actor, occurred_at)"
                + " VALUES ('000000ST0000000004', 1, 'REPORT_LOSS', 'ACTIVE', 'REPORTED_LOST', 'stclerk34', ?)", nowUtc());
        // found and reported lost again the same week: still one card lost this week
        jdbc.update("INSERT INTO card_event (card_no, seq, action, from_status, to_status, actor, occurred_at)"
                + " VALUES ('000000ST0000000004', 2, 'UNLOSS', 'REPORTED_LOST', 'ACTIVE', 'stclerk34', ?)", nowUtc());
        jdbc.update("INSERT INTO card_event (card_no, seq, action, from_status, to_status, actor, occurred_at)"
                + " VALUES ('000000ST0000000004', 3, 'REPORT_LOSS', 'ACTIVE', 'REPORTED_LOST', 'stclerk34', ?)", nowUtc());
        jdbc.update("INSERT INTO card_request (id, request_type, card_no, resident_id, region_code, institution_code,"
                + " status, channel, form_data, created_by, created_at, updated_at, version) VALUES ('RQST0001',"
                + " 'LOSS_REPORT', '000000ST0000000004', ?, '340202', 'ST-340202', 'COMPLETED', 'UI', ?, 'stclerk34', ?, ?, 0)",
                residentIds.get(4), sealedForm("RQST0001"), utc("2026-10-20T10:00"), utc("2026-10-20T10:00"));
        // production: plan of Anhui with two batches, plan of Shandong with one
        plan("ST-PLAN-1", "ST-P1", "ST-C340000", "340000");
        plan("ST-PLAN-2", "ST-P2", "ST-C370000", "370000");
        batch("ST-B1", "ST-PLAN-1", "ST-MK1", "ST-C340000", "340000", 10, 7, 1, 1, "2026-10-05T10:00");
        batch("ST-B2", "ST-PLAN-1", "ST-MK2", "ST-C340000", "340000", 5, 5, 0, 0, "2026-10-06T10:00");
        batch("ST-B3", "ST-PLAN-2", "ST-MK2", "ST-C370000", "370000", 4, 2, 2, 0, "2026-10-07T10:00");
        // the cards' production orders (card → batch → maker, SUP-01 drill-down): cards 1 and 2 by ST-MK1, card 3 by
        // ST-MK2; the other cards have none (an instant card, a replacement)
        order("SQST0001", 0, "ST-B1", "000000ST0000000001", "COMPLETED");
        order("SQST0002", 1, "ST-B1", "000000ST0000000002", "COMPLETED");
        order("SQST0003", 2, "ST-B2", "000000ST0000000003", "COMPLETED");
        // the answers behind the batches' failed and destroyed counts (ST-B1: 1 failed, 1 destroyed; ST-B3: 2 failed)
        order("SQST-F1", 0, "ST-B1", null, "ERROR");
        result("ST-B1", "SQST-F1", "FAILED", "照片不合格", "2026-10-06T12:00");
        result("ST-B1", "SQST-F2", "DESTROYED", "芯片损坏", "2026-10-06T12:05");
        result("ST-B3", "SQST-F3", "FAILED", "地址不全", "2026-10-08T09:00");
        result("ST-B3", "SQST-F4", "FAILED", "照片不合格", "2026-10-08T09:10");
        // the answers behind the batches' produced counts (ST-B1 7, ST-B2 5, ST-B3 2), so that each 制卡 bar per maker
        // lists exactly its cards (decision 039): cards 1, 2, 3 and 6 are in the card table; the others' card rows
        // are left out, so that no card count of the data set changes (their holders and desks come from the orders)
        produced("ST-B1", "SQST0001", "000000ST0000000001", "2026-10-06T10:00");
        produced("ST-B1", "SQST0002", "000000ST0000000002", "2026-10-06T10:00");
        for (int i = 1; i <= 5; i++) {
            order("SQST-P1" + i, i % 2, "ST-B1", "000000ST000000011" + i, "COMPLETED");
            produced("ST-B1", "SQST-P1" + i, "000000ST000000011" + i, "2026-10-06T11:0" + i);
        }
        produced("ST-B2", "SQST0003", "000000ST0000000003", "2026-10-20T23:30");
        for (int i = 1; i <= 4; i++) {
            produced("ST-B2", "SQST-P2" + i, "000000ST000000012" + i, "2026-10-07T11:0" + i);
        }
        produced("ST-B3", "SQST0007", "000000ST0000000006", "2026-10-07T12:00");
        produced("ST-B3", "SQST-P31", "000000ST0000000131", "2026-10-08T08:00");
        // an answer not yet applied (the correlation job has not run): not in the batch's counts, nor in a list
        jdbc.update("INSERT INTO production_result (id, batch_no, case_id, outcome, reason, source, status, attempts,"
                + " received_at) VALUES ('st-result-parked', 'ST-B1', 'SQST-F9', 'FAILED', '照片不合格', 'st.result',"
                + " 'PARKED', 5, ?)", utc("2026-10-06T12:30"));
        // usage: card uses and e-card verifications
        for (int i = 0; i < 3; i++) {
            use("ST-H340102", "REGISTRATION", "2026-10-05T09:0" + i);
        }
        use("ST-H340102", "PHARMACY", "2026-10-06T09:00");
        use("ST-H340102", "PHARMACY", "2026-11-06T09:00");
        use("ST-H340102", "PHARMACY", "2026-10-07T00:30");
        use("ST-H370102", "REGISTRATION", "2026-10-05T09:00");
        verification("ST-H340102", "340102", "VERIFIED", "REGISTRATION", 4);
        verification("ST-H340102", "340102", "EXPIRED", "REGISTRATION", 9);
        verification("ST-H370102", "370102", "VERIFIED", "REGISTRATION", 2);
        // SAM cards placed in Anhui
        sam("ST-SAM-1", "340102", "ACTIVE");
        sam("ST-SAM-2", "340102", "FROZEN");
        // completed tasks of the clerk (1 h, 3 h, 30 h) and one of Shandong's
        task("st-hi-1", "stclerk34", "2026-10-10T09:00", 1);
        task("st-hi-2", "stclerk34", "2026-10-11T09:00", 3);
        task("st-hi-3", "stclerk34", "2026-10-12T09:00", 30);
        // Shandong's: completed at 01:00 China time on 1 October (17:00 UTC the day before)
        task("st-hi-4", "stsup37", "2026-09-30T23:00", 2);
        // reviews today by the clerk's institution: 2 sent back, 1 rejected, 1 approved
        users.run("stclerk34", () -> tx.executeWithoutResult(s -> {
            events.publishEvent(new CardApplicationReviewed("SQST0001", "340102", "RETURN", "补正照片"));
            events.publishEvent(new CardApplicationReviewed("SQST0002", "340102", "RETURN", "补正地址"));
            events.publishEvent(new CardApplicationReviewed("SQST0003", "340102", "REJECT", "材料不符"));
            events.publishEvent(new CardApplicationReviewed("SQST0004", "340102", "APPROVE", null));
        }));
    }

    private void institution(String code, String name, String region, String kind) {
        jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES (?, ?, ?, ?,"
                + " TRUE, ?)", code, name, region, kind, nowUtc());
    }

    private void user(String username, String institution, String role) {
        jdbc.update("INSERT INTO app_user (username, password_hash, display_name, institution_code, group_lead,"
                + " enabled, demo) SELECT ?, password_hash, ?, ?, FALSE, TRUE, TRUE FROM app_user"
                + " WHERE username = 'supervisor'", username, username, institution);
        jdbc.update("INSERT INTO app_user_role (username, role) VALUES (?, ?)", username, role);
    }

    private void application(String id, int resident, String desk, String region, String status, String created,
                             String cardNo, String pickedUp) {
        jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status, channel,"
                        + " card_no, picked_up_at, created_by, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, 'UI', ?, ?, 'stclerk34', ?, ?, 0)", id, residentIds.get(resident),
                desk, region, status, cardNo, pickedUp == null ? null : utc(pickedUp), utc(created), utc(created));
    }

    private void card(String cardNo, int resident, String application, String region, String desk, String status,
                      String produced) {
        jdbc.update("INSERT INTO card (card_no, resident_id, application_id, status, region_code, institution_code,"
                        + " produced_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", cardNo,
                residentIds.get(resident), application, status, region, desk, utc(produced), utc(produced),
                utc(produced));
        if (application != null) {
            // an instant card in stock at its desk from the moment it was made ("issued" that day, decision 036);
            // handed over once it left the READY state
            stock(cardNo, application, desk, region, status.equals("READY") ? "IN_STOCK" : "ISSUED", null,
                    utc(produced));
        }
    }

    /** A card's stock item at {@code place} (its desk unless said), after shipment {@code shipmentNo} if any. */
    public void stock(String cardNo, String caseId, String desk, String region, String status, String shipmentNo,
                      LocalDateTime at) {
        stock(cardNo, caseId, desk, desk, region, status, shipmentNo, at);
    }

    public void stock(String cardNo, String caseId, String desk, String place, String region, String status,
                      String shipmentNo, LocalDateTime at) {
        jdbc.update("INSERT INTO stock_item (card_no, case_id, desk_code, place_code, place_region, status,"
                + " shipment_no, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 'st', ?, 0)", cardNo,
                caseId, desk, place, region, status, shipmentNo, at);
    }

    private void plan(String id, String no, String centre, String region) {
        jdbc.update("INSERT INTO production_plan (id, plan_no, centre_code, region_code, status, card_count,"
                + " created_by, created_at, version) VALUES (?, ?, ?, ?, 'SUBMITTED', 0, 'st', ?, 0)", id, no, centre,
                region, nowUtc());
    }

    private void batch(String no, String plan, String maker, String centre, String region, int count, int produced,
                       int failed, int destroyed, String released) {
        jdbc.update("INSERT INTO production_batch (id, batch_no, plan_id, maker_code, centre_code, region_code, status,"
                        + " card_count, file_seq, data_file_name, data_file_sm3, produced, failed, destroyed,"
                        + " released_at, version) VALUES (?, ?, ?, ?, ?, ?, 'RELEASED', ?, 1, ?, ?, ?, ?, ?, ?, 0)",
                no, no, plan, maker, centre, region, count, no + ".dat", "0".repeat(64), produced, failed, destroyed,
                utc(released));
    }

    private void order(String caseId, int resident, String batchNo, String cardNo, String status) {
        jdbc.update("INSERT INTO production_order (id, case_id, resident_id, region_code, desk_code, route, status,"
                + " batch_no, card_no, sends, created_at, updated_at, version) VALUES (?, ?, ?, '340102', 'ST-340102',"
                + " 'BATCH', ?, ?, ?, 1, ?, ?, 0)", "st-order-" + caseId, caseId, residentIds.get(resident), status,
                batchNo, cardNo, utc("2026-10-04T10:00"), utc("2026-10-06T10:00"));
    }

    private void result(String batchNo, String caseId, String outcome, String reason, String at) {
        jdbc.update("INSERT INTO production_result (id, batch_no, case_id, outcome, reason, source, status, attempts,"
                + " received_at, applied_at) VALUES (?, ?, ?, ?, ?, 'st.result', 'APPLIED', 1, ?, ?)",
                "st-result-" + caseId, batchNo, caseId, outcome, reason, utc(at), utc(at));
    }

    private void produced(String batchNo, String caseId, String cardNo, String at) {
        jdbc.update("INSERT INTO production_result (id, batch_no, case_id, outcome, card_no, chip_serial, source,"
                + " status, attempts, received_at, applied_at) VALUES (?, ?, ?, 'PRODUCED', ?, 'CHIP', 'st.result',"
                + " 'APPLIED', 1, ?, ?)", "st-result-" + caseId, batchNo, caseId, cardNo, utc(at), utc(at));
    }

    private void use(String institution, String scenario, String at) {
        // the institution's region kept on the use, as CardUseService records it
        jdbc.update("INSERT INTO card_use (card_no, temporary, institution_code, terminal_id, scenario, used_at,"
                + " recorded_by, recorded_at, region_code) VALUES ('000000ST0000000001', FALSE, ?, 'ST-T1', ?, ?, 'st', ?,"
                + " (SELECT region_code FROM institution WHERE code = ?))", institution, scenario, utc(at), utc(at),
                institution);
    }

    private void verification(String institution, String region, String outcome, String scene, long n) {
        jdbc.update("INSERT INTO ehc_verification_count (count_date, institution_code, terminal_id, outcome, scene,"
                + " sam_no, region_code, verifications) VALUES (?, ?, 'ST-T1', ?, ?, '-', ?, ?)",
                LocalDate.of(2026, 10, 5), institution, outcome, scene, region, n);
    }

    private void sam(String no, String region, String state) {
        jdbc.update("INSERT INTO sam_card (sam_no, maker_code, batch_no, ordering_centre_code, place_code,"
                + " place_region, state, made_at, updated_by, updated_at, version) VALUES (?, 'ST-MK1', 'ST-SB1',"
                + " 'ST-C340000', 'ST-H340102', ?, ?, ?, 'st', ?, 0)", no, region, state, nowUtc(), nowUtc());
    }

    private void task(String id, String assignee, String start, int hours) {
        LocalDateTime begin = engine(start);
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, NAME_, ASSIGNEE_, START_TIME_,"
                + " END_TIME_, DURATION_, DELETE_REASON_, PRIORITY_) VALUES (?, 'review', 'card-application', '审核',"
                + " ?, ?, ?, ?, 'completed', 50)", id, assignee, begin, begin.plusHours(hours),
                Duration.ofHours(hours).toMillis());
    }

    /**
     * An empty request form sealed as the application seals it: a key update's re-encryption reads every form, and a
     * value that is not a ciphertext would fail it. The publisher Spring injects is the application context.
     */
    private String sealedForm(String requestId) {
        var protector = ((org.springframework.beans.factory.BeanFactory) events)
                .getBean(cn.healthcard.crypto.PersonalDataProtector.class);
        return protector.seal("{}", new cn.healthcard.crypto.PersonalDataBinding("card_request", "form_data",
                List.of(requestId)));
    }

    /** A China wall time as the UTC wall time the application's columns hold. */
    static LocalDateTime utc(String chinaTime) {
        return LocalDateTime.parse(chinaTime).atZone(ChinaTime.ZONE).withZoneSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
    }

    /** A China wall time as the engine's (JVM-local) wall time. */
    static LocalDateTime engine(String chinaTime) {
        return LocalDateTime.parse(chinaTime).atZone(ChinaTime.ZONE).withZoneSameInstant(ZoneId.systemDefault())
                .toLocalDateTime();
    }

    static LocalDateTime nowUtc() {
        return LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    }
}
