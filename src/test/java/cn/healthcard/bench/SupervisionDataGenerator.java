package cn.healthcard.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The supervision bench's data (issue #16, docs/performance.md §11), written straight into PostgreSQL with
 * {@code INSERT … SELECT FROM generate_series}: for {@code cards} = N, over 2 provinces (34 安徽, 37 山东) × 10 cities
 * × 60 counties, 400 issuing desks, 600 medical institutions and 3 card makers, across the 365 China days before
 * today —
 * <ul>
 *   <li>N residents and N applications (5 % awaiting review, 5 % in production, 5 % ready, 85 % issued; 20 % over the
 *       API), N cards for all but those awaiting review;</li>
 *   <li>3 lifecycle events per card ({@code card_event}: made, issued, then used/lost/locked), so 3 N;</li>
 *   <li>7 N card uses ({@code card_use}) at the medical institutions' terminals, 8 scenarios;</li>
 *   <li>the desks' receipts (issued, decision 036): one centre → desk shipment per desk and day, received, and a
 *       {@code stock_item} at its desk for every ready or issued application's card (0.9 N), 7 days after the
 *       application;</li>
 *   <li>3 N e-card verifications as daily counter rows ({@code ehc_verification_count}: day × institution × scene);</li>
 *   <li>production plans (one per city and week) and batches of 5 000 cards from the 3 makers;</li>
 *   <li>one clerk per desk ({@code app_user}) and, once the engine's tables exist ({@link #history}), one completed
 *       review task per application in the engine's history.</li>
 * </ul>
 * Ciphertext columns hold fixed dummy strings: the statistics never decrypt. Nothing here is a test; the bench
 * ({@link SupervisionBench}) calls it.
 */
public final class SupervisionDataGenerator {

    /** Days of data, ending yesterday. */
    public static final int DAYS = 365;
    public static final int DESKS = 400;
    public static final int MEDICAL = 600;
    public static final int COUNTIES = 60;

    private final JdbcTemplate jdbc;
    private final PrintStream log;
    private final LocalDate first;

    public SupervisionDataGenerator(JdbcTemplate jdbc, PrintStream log, LocalDate today) {
        this.jdbc = jdbc;
        this.log = log;
        this.first = today.minusDays(DAYS);
    }

    /** The first China day of the data. */
    public LocalDate first() {
        return first;
    }

    /** County {@code k} (0..59): province 34 or 37, city 01..05, county 02..07, e.g. 340102. */
    static String countySql(String k) {
        return "(CASE WHEN (" + k + ") / 30 = 0 THEN '34' ELSE '37' END || LPAD(CAST(((" + k + ") % 30) / 6 + 1 AS"
                + " VARCHAR), 2, '0') || LPAD(CAST((" + k + ") % 6 + 2 AS VARCHAR), 2, '0'))";
    }

    /** The source tables the statistics read (before the application starts, so that V38 folds them). */
    public void sources(int cards) {
        String base = "TIMESTAMP '" + first + " 00:00:00'";
        step("institutions (desks, medical institutions, makers, centres)", () -> {
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at, version)"
                    + " SELECT 'BD-' || LPAD(CAST(d AS VARCHAR), 4, '0'), '发卡网点' || d, " + countySql("d % 60")
                    + ", 'SERVICE_POINT', TRUE, " + base + ", 0 FROM generate_series(0, " + (DESKS - 1) + ") d");
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at, version)"
                    + " SELECT 'BM-' || LPAD(CAST(m AS VARCHAR), 4, '0'), '医疗机构' || m, " + countySql("m % 60")
                    + ", 'MEDICAL', TRUE, " + base + ", 0 FROM generate_series(0, " + (MEDICAL - 1) + ") m");
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at, version)"
                    + " SELECT 'BK-' || k, '制卡机构' || k, CASE WHEN k = 2 THEN '370000' ELSE '340000' END,"
                    + " 'CARD_MAKER', TRUE, " + base + ", 0 FROM generate_series(1, 3) k");
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at, version)"
                    + " SELECT 'BC-' || c, '注册管理中心' || c, c, 'REGISTRATION_CENTRE', TRUE, " + base + ", 0 FROM"
                    + " (SELECT DISTINCT SUBSTR(" + countySql("k") + ", 1, 4) || '00' c FROM generate_series(0, 59) k"
                    + " UNION SELECT '340000' UNION SELECT '370000') x");
            return 3 + DESKS + MEDICAL;
        });
        step("clerks, one per desk", () -> jdbc.update("INSERT INTO app_user (username, password_hash, display_name,"
                + " institution_code, group_lead, enabled, demo) SELECT 'benchclerk' || d, 'x', '经办' || d,"
                + " 'BD-' || LPAD(CAST(d AS VARCHAR), 4, '0'), FALSE, TRUE, FALSE FROM generate_series(0, "
                + (DESKS - 1) + ") d"));
        step("residents", () -> jdbc.update("INSERT INTO resident (id, document_type, document_index, document_no_enc,"
                + " name_enc, name_index, sex, ethnicity, birth_date, phone_enc, address_enc, blood_type_abo,"
                + " blood_type_rh, region_code, created_at, updated_at, version)"
                + " SELECT 'bench-r-' || i, '01', 'bench-di-' || i, 'x', 'x', 'bench-ni-' || i,"
                + " CASE WHEN i % 2 = 0 THEN '2' ELSE '1' END, '01', DATE '1940-01-01'"
                + " + CAST(CAST(i AS BIGINT) * 7919 % 30000 AS INTEGER), 'x', 'x', 'A', 'RH+', " + countySql("(i % " + DESKS + ") % 60") + ", " + base + ", "
                + base + ", 0 FROM generate_series(1, " + cards + ") i"));
        // the application's moment: day (i*37 mod 365), second of day (i*7 mod 86400)
        String created = base + " + CAST(i * 37 % " + DAYS + " AS INTEGER) * INTERVAL '1' DAY"
                + " + CAST(i * 7 % 86400 AS INTEGER) * INTERVAL '1' SECOND";
        String status = "CASE i % 20 WHEN 0 THEN 'SUBMITTED' WHEN 1 THEN 'IN_PRODUCTION' WHEN 2 THEN 'READY'"
                + " ELSE 'ISSUED' END";
        String cardNo = "'B' || LPAD(CAST(i AS VARCHAR), 17, '0')";
        step("applications", () -> jdbc.update("INSERT INTO card_application (id, resident_id, institution_code,"
                + " region_code, status, channel, card_no, picked_up_at, picked_up_by, created_by, created_at,"
                + " updated_at, version)"
                + " SELECT 'bench-a-' || i, 'bench-r-' || i, 'BD-' || LPAD(CAST(i % " + DESKS + " AS VARCHAR), 4,"
                + " '0'), " + countySql("(i % " + DESKS + ") % 60") + ", " + status + ", CASE WHEN i % 5 = 0 THEN"
                + " 'API' ELSE 'UI' END, CASE WHEN i % 20 IN (0, 1) THEN NULL ELSE " + cardNo + " END,"
                + " CASE WHEN i % 20 >= 3 THEN " + created + " + INTERVAL '10' DAY END,"
                + " CASE WHEN i % 20 >= 3 THEN 'SELF' END, 'benchclerk' || (i % " + DESKS + "), " + created
                + ", " + created + ", 0 FROM generate_series(1, " + cards + ") i"));
        step("cards", () -> jdbc.update("INSERT INTO card (card_no, resident_id, application_id, status, region_code,"
                + " institution_code, produced_at, issued_at, valid_until, created_at, updated_at, version)"
                + " SELECT " + cardNo + ", 'bench-r-' || i, 'bench-a-' || i, CASE WHEN i % 20 IN (1, 2) THEN 'READY'"
                + " WHEN i % 50 = 3 THEN 'REPORTED_LOST' WHEN i % 97 = 4 THEN 'PIN_LOCKED' ELSE 'ACTIVE' END, "
                + countySql("(i % " + DESKS + ") % 60") + ", 'BD-' || LPAD(CAST(i % " + DESKS + " AS VARCHAR), 4,"
                + " '0'), CASE WHEN i % 20 = 1 THEN NULL ELSE " + created + " + INTERVAL '5' DAY END,"
                + " CASE WHEN i % 20 >= 3 THEN " + created + " + INTERVAL '10' DAY END, DATE '2036-12-31', "
                + created + ", " + created + ", 0 FROM generate_series(1, " + cards + ") i WHERE i % 20 <> 0"));
        step("lifecycle events (3 per card)", () -> jdbc.update("INSERT INTO card_event (card_no, seq, action,"
                + " from_status, to_status, actor, institution_code, occurred_at)"
                + " SELECT " + cardNo + ", s, CASE s WHEN 1 THEN 'PRODUCED' WHEN 2 THEN 'ISSUED' ELSE CASE WHEN"
                + " i % 50 = 3 THEN 'REPORT_LOSS' WHEN i % 97 = 4 THEN 'PIN_LOCK' ELSE 'USE' END END,"
                + " CASE s WHEN 1 THEN NULL WHEN 2 THEN 'READY' ELSE 'ACTIVE' END,"
                + " CASE s WHEN 1 THEN 'READY' WHEN 2 THEN 'ACTIVE' ELSE CASE WHEN i % 50 = 3 THEN 'REPORTED_LOST'"
                + " WHEN i % 97 = 4 THEN 'PIN_LOCKED' ELSE 'ACTIVE' END END, 'benchclerk' || (i % " + DESKS
                + "), 'BD-' || LPAD(CAST(i % " + DESKS + " AS VARCHAR), 4, '0'), " + created
                + " + (s * 5) * INTERVAL '1' DAY FROM generate_series(1, " + cards + ") i"
                + " CROSS JOIN generate_series(1, 3) s WHERE i % 20 <> 0"));
        // issued = received into stock at the desk (decision 036): every ready or issued application's card arrives
        // at its desk 7 days after the application, in one centre → desk shipment per desk and day, received then
        // (签收入库); in stock while ready, handed over (ISSUED) once signed for
        String arrivalDay = "CAST(i * 37 % " + DAYS + " AS INTEGER) + 7";
        String desk = "'BD-' || LPAD(CAST(i % " + DESKS + " AS VARCHAR), 4, '0')";
        step("desk receipts: centre → desk shipments (one per desk and day)", () -> jdbc.update("INSERT INTO"
                + " shipment (id, shipment_no, kind, sender_code, sender_region, receiver_code, receiver_region,"
                + " status, card_count, dispatched_by, dispatched_at, received_at, created_by, created_at, version)"
                + " SELECT 'bench-s-' || d || '-' || k, 'BS' || LPAD(CAST(d AS VARCHAR), 4, '0') || '-'"
                + " || LPAD(CAST(k AS VARCHAR), 3, '0'), 'CENTRE_TO_DESK', 'BC-' || SUBSTR(" + countySql("d % 60")
                + ", 1, 4) || '00', SUBSTR(" + countySql("d % 60") + ", 1, 4) || '00', 'BD-' || LPAD(CAST(d AS"
                + " VARCHAR), 4, '0'), " + countySql("d % 60") + ", 'RECEIVED', 0, 'bench', " + base + " + (k - 1)"
                + " * INTERVAL '1' DAY, " + base + " + k * INTERVAL '1' DAY + INTERVAL '2' HOUR, 'bench', " + base
                + " + (k - 1) * INTERVAL '1' DAY, 0 FROM generate_series(0, " + (DESKS - 1) + ") d CROSS JOIN"
                + " generate_series(7, " + (DAYS + 6) + ") k"));
        step("desk receipts: cards in stock at their desk (ready and issued)", () -> jdbc.update("INSERT INTO"
                + " stock_item (card_no, case_id, desk_code, place_code, place_region, status, shipment_no,"
                + " updated_by, updated_at, version) SELECT " + cardNo + ", 'bench-a-' || i, " + desk + ", " + desk
                + ", " + countySql("(i % " + DESKS + ") % 60") + ", CASE WHEN i % 20 = 2 THEN 'IN_STOCK' ELSE"
                + " 'ISSUED' END, 'BS' || LPAD(CAST(i % " + DESKS + " AS VARCHAR), 4, '0') || '-' || LPAD(CAST("
                + arrivalDay + " AS VARCHAR), 3, '0'), 'bench', " + base + ", 0 FROM generate_series(1, " + cards
                + ") i WHERE i % 20 >= 2"));
        String scenario = "(ARRAY['REGISTRATION','CONSULTATION','EXAMINATION','PHARMACY','SETTLEMENT','INPATIENT',"
                + "'PUBLIC_HEALTH','OTHER'])[CAST(u % 8 AS INTEGER) + 1]";
        long uses = 7L * cards;
        step("card uses (7 per card)", () -> jdbc.update("INSERT INTO card_use (card_no, temporary, institution_code,"
                + " terminal_id, scenario, used_at, recorded_by, recorded_at)"
                + " SELECT 'B' || LPAD(CAST(u % " + cards + " + 1 AS VARCHAR), 17, '0'), FALSE,"
                + " 'BM-' || LPAD(CAST(u % " + MEDICAL + " AS VARCHAR), 4, '0'), 'T-' || (u % " + MEDICAL + ") || '-'"
                + " || (u % 3), " + scenario + ", " + base + " + CAST(u * 13 % " + DAYS + " AS INTEGER) * INTERVAL"
                + " '1' DAY + CAST(u * 11 % 86400 AS INTEGER) * INTERVAL '1' SECOND, 'bench', " + base
                + " FROM generate_series(0, " + (uses - 1) + ") u"));
        // the institution's region on each use (decision 036) is filled by V38's backfill, which runs after the data
        // 3 N verifications over day × institution × 2 scenes
        long rows = (long) DAYS * MEDICAL * 2;
        long perRow = Math.max(1, Math.round(3.0 * cards / rows));
        String scene = "(ARRAY['REGISTRATION','CONSULTATION','EXAMINATION','PHARMACY','PUBLIC_HEALTH','RECORD_QUERY',"
                + "'SETTLEMENT','OTHER'])[CAST((d + m + s) % 8 AS INTEGER) + 1]";
        step("e-card verification counters (day × institution × scene)", () -> jdbc.update("INSERT INTO"
                + " ehc_verification_count (count_date, institution_code, terminal_id, outcome, scene, sam_no,"
                + " region_code, verifications) SELECT DATE '" + first + "' + d, 'BM-' || LPAD(CAST(m AS VARCHAR),"
                + " 4, '0'), 'T-' || m || '-0', 'VERIFIED', " + scene + ", '-', " + countySql("m % 60") + ", "
                + perRow + " FROM generate_series(0, " + (DAYS - 1) + ") d CROSS JOIN generate_series(0, "
                + (MEDICAL - 1) + ") m CROSS JOIN generate_series(0, 1) s"));
        int batches = Math.max(1, (cards + 4_999) / 5_000);
        step("production plans (one per city and week)", () -> jdbc.update("INSERT INTO production_plan (id, plan_no,"
                + " centre_code, region_code, status, card_count, created_by, created_at, version)"
                + " SELECT 'bench-p-' || c || '-' || w, 'BJ' || c || LPAD(CAST(w AS VARCHAR), 2, '0'), 'BC-' || c,"
                + " c, 'SUBMITTED', 0, 'bench', " + base + " + w * INTERVAL '7' DAY, 0 FROM (SELECT DISTINCT"
                + " SUBSTR(" + countySql("k") + ", 1, 4) || '00' c FROM generate_series(0, 59) k) x CROSS JOIN"
                + " generate_series(0, 51) w"));
        step("production batches (5 000 cards each, 3 makers)", () -> jdbc.update("INSERT INTO production_batch (id,"
                + " batch_no, plan_id, maker_code, centre_code, region_code, status, card_count, file_seq,"
                + " data_file_name, data_file_sm3, produced, failed, destroyed, released_at, version)"
                + " SELECT 'bench-b-' || b, 'BB' || LPAD(CAST(b AS VARCHAR), 8, '0'), p.id, 'BK-' || (b % 3 + 1),"
                + " p.centre_code, p.region_code, 'FINISHED', 5000, 1, 'bench-' || b || '.dat', REPEAT('0', 64),"
                + " 4950, 30, 20, " + base + " + CAST(b * " + DAYS + " / " + batches + " AS INTEGER) * INTERVAL"
                + " '1' DAY, 0 FROM generate_series(0, " + (batches - 1) + ") b JOIN (SELECT id, centre_code,"
                + " region_code, ROW_NUMBER() OVER (ORDER BY id) - 1 n FROM production_plan WHERE id LIKE"
                + " 'bench-p-%') p ON p.n = b % 520"));
    }

    /** The engine's history: one completed review per application (1 to 72 hours), as the desk's clerk. */
    public void history(int cards) {
        String base = "TIMESTAMP '" + first + " 00:00:00'";
        String created = base + " + CAST(i * 37 % " + DAYS + " AS INTEGER) * INTERVAL '1' DAY"
                + " + CAST(i * 7 % 86400 AS INTEGER) * INTERVAL '1' SECOND";
        step("engine history: completed review tasks", () -> jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_,"
                + " TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, NAME_, ASSIGNEE_, START_TIME_, END_TIME_,"
                + " DURATION_, DELETE_REASON_, PRIORITY_, TASK_STATE_) SELECT 'bench-t-' || i, 'reviewApplication',"
                + " 'card-application', 'bench-pi-' || i, '审核申领', 'benchclerk' || (i % " + DESKS + "), "
                + created + ", " + created + " + CAST(i % 72 + 1 AS INTEGER) * INTERVAL '1' HOUR,"
                + " CAST(i % 72 + 1 AS BIGINT) * 3600000, 'completed', 50, 'Completed'"
                + " FROM generate_series(1, " + cards + ") i WHERE i % 20 <> 0"));
    }

    /**
     * The residents' personal data sealed as the application seals it (bound to row and column, decision 022), so that
     * the case lists can show masked names; the generator's dummy strings do not decrypt.
     */
    public void personalData(cn.healthcard.crypto.PersonalDataProtector protector, int cards) {
        step("residents' personal data sealed (4 columns)", () -> {
            int done = 0;
            for (int from = 1; from <= cards; from += 5_000) {
                java.util.List<Object[]> rows = new java.util.ArrayList<>();
                for (int i = from; i < Math.min(cards + 1, from + 5_000); i++) {
                    String id = "bench-r-" + i;
                    rows.add(new Object[] {
                            protector.seal("34010219900101" + String.format("%04d", i % 10_000),
                                    cn.healthcard.crypto.PersonalDataBinding.of("resident", "document_no_enc", id)),
                            protector.seal(i % 2 == 0 ? "张晓燕" : "李建国",
                                    cn.healthcard.crypto.PersonalDataBinding.of("resident", "name_enc", id)),
                            protector.seal("13800000000",
                                    cn.healthcard.crypto.PersonalDataBinding.of("resident", "phone_enc", id)),
                            protector.seal("演示地址" + i,
                                    cn.healthcard.crypto.PersonalDataBinding.of("resident", "address_enc", id)),
                            id});
                }
                done += jdbc.batchUpdate("UPDATE resident SET document_no_enc = ?, name_enc = ?, phone_enc = ?,"
                        + " address_enc = ? WHERE id = ?", rows).length;
            }
            return done;
        });
    }

    /** Fresh planner statistics. */
    public void analyze() {
        step("ANALYZE", () -> {
            jdbc.execute("ANALYZE");
            return 0;
        });
    }

    /** The database's size on disk. */
    public String size() {
        return jdbc.queryForObject("SELECT pg_size_pretty(pg_database_size(current_database()))", String.class);
    }

    private void step(String what, java.util.function.IntSupplier work) {
        long t0 = System.nanoTime();
        int rows = work.getAsInt();
        log.printf(Locale.ROOT, "  %-58s %,12d rows %8.1f s%n", what, rows, (System.nanoTime() - t0) / 1e9);
    }
}
