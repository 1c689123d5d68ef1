package cn.healthcard.samsupply;

import static cn.healthcard.samsupply.SamSupplyFixtures.CLERK;
import static cn.healthcard.samsupply.SamSupplyFixtures.HOSPITAL;
import static cn.healthcard.samsupply.SamSupplyFixtures.MAKER;
import static cn.healthcard.samsupply.SamSupplyFixtures.NATIONAL_SUP;
import static cn.healthcard.samsupply.SamSupplyFixtures.PROVINCE;
import static cn.healthcard.samsupply.SamSupplyFixtures.PROVINCE_SUP;
import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.PostgresIntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * On PostgreSQL, over HTTP, two people at the same moment: two provincial supervisors report the same approved
 * applications, and two national supervisors plan the same report. Exactly one report (one plan) is made; the other
 * gets a 409 problem {@code SAM_ALREADY_REPORTED} ({@code SAM_ALREADY_PLANNED}) naming its field, and nothing of it is
 * left behind (decision 031: the link tables' primary keys).
 */
@PostgresIntegrationTest
class PostgresSamSupplyIT {

    private static final String PROVINCE_SUP2 = "gzsprov2";
    private static final String NATIONAL_SUP2 = "gzsnat2";

    @Autowired ApplicationContext context;
    @Autowired TestUsers users;
    @Autowired UserAdministration userAdministration;
    @Autowired SamApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void world() {
        SamSupplyFixtures.ensure(context);
        userAdministration.createIfAbsent(PROVINCE_SUP2, "demo1234", "黔审核二", PROVINCE, Set.of(Role.SUPERVISOR),
                false, true);
        userAdministration.createIfAbsent(NATIONAL_SUP2, "demo1234", "部审核二", "NHC-000000", Set.of(Role.SUPERVISOR),
                false, true);
    }

    private String approved(int quantity) {
        SamApplicationView a = users.as(CLERK, () -> applications.register(new SamApplicationData(HOSPITAL,
                SamTerminalType.POS, quantity, "门诊新增POS终端")));
        String t = SamSupplyFixtures.task(inbox, users, PROVINCE_SUP, a.applicationNo(),
                SamApplicationService.REVIEW_TASK);
        users.as(PROVINCE_SUP, () -> applications.review(t, Review.approve()));
        return a.applicationNo();
    }

    private Callable<ResponseEntity<String>> post(String user, String path, Map<String, Object> body) {
        return () -> rest.withBasicAuth(user, "demo1234").postForEntity(path, body, String.class);
    }

    @Test
    @DisplayName("SAM-01 (PostgreSQL) two provincial supervisors report the same approved applications at once: exactly one 上报单, the other 409 SAM_ALREADY_REPORTED; two national supervisors plan that report at once: exactly one plan, the other 409 SAM_ALREADY_PLANNED")
    void reportAndPlanRaces() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<String> nos = List.of(approved(2), approved(3));
            int reportsBefore = jdbc.queryForObject("select count(*) from sam_report", Integer.class);
            List<ResponseEntity<String>> reported = race(
                    post(PROVINCE_SUP, "/api/v1/samsupply/reports", Map.of("applicationNos", nos)),
                    post(PROVINCE_SUP2, "/api/v1/samsupply/reports", Map.of("applicationNos", nos)));
            ResponseEntity<String> report = oneWinner(reported, SamPlanningService.ALREADY_REPORTED,
                    "applicationNos");
            String reportNo = report.getBody().replaceAll("(?s).*\"reportNo\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertThat(reportNo).startsWith("SR520000");
            // the loser left no 上报单 behind
            assertThat(jdbc.queryForObject("select count(*) from sam_report", Integer.class))
                    .isEqualTo(reportsBefore + 1);
            assertThat(jdbc.queryForObject("select count(distinct report_no) from sam_report_item where "
                    + "application_no in (?, ?)", Integer.class, nos.get(0), nos.get(1))).isEqualTo(1);
            assertThat(jdbc.queryForList("select report_no from sam_application where application_no in (?, ?)",
                    String.class, nos.get(0), nos.get(1))).containsOnly(reportNo);

            int plansBefore = jdbc.queryForObject("select count(*) from sam_plan", Integer.class);
            List<ResponseEntity<String>> planned = race(
                    post(NATIONAL_SUP, "/api/v1/samsupply/plans", Map.of("reportNos", List.of(reportNo),
                            "makerCode", MAKER)),
                    post(NATIONAL_SUP2, "/api/v1/samsupply/plans", Map.of("reportNos", List.of(reportNo),
                            "makerCode", MAKER)));
            oneWinner(planned, SamPlanningService.ALREADY_PLANNED, "reportNos");
            assertThat(jdbc.queryForObject("select count(*) from sam_plan", Integer.class)).isEqualTo(plansBefore + 1);
            assertThat(jdbc.queryForObject("select count(*) from sam_plan_item where report_no = ?", Integer.class,
                    reportNo)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from sam_order where application_no in (?, ?)",
                    Integer.class, nos.get(0), nos.get(1))).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("SAM-01 (PostgreSQL) the same applications reported at once in opposite order ([A,B] and [B,A]), and the same reports planned at once in opposite order: exactly one 201, the other 409 SAM_ALREADY_REPORTED / SAM_ALREADY_PLANNED, never a deadlock 500")
    void oppositeOrderRaces() throws Exception {
        for (int round = 0; round < 2; round++) {
            String a = approved(1);
            String b = approved(2);
            ResponseEntity<String> report = oneWinner(race(
                    post(PROVINCE_SUP, "/api/v1/samsupply/reports", Map.of("applicationNos", List.of(a, b))),
                    post(PROVINCE_SUP2, "/api/v1/samsupply/reports", Map.of("applicationNos", List.of(b, a)))),
                    SamPlanningService.ALREADY_REPORTED, "applicationNos");
            assertThat(report.getBody()).contains("SR520000");
            assertThat(jdbc.queryForObject("select count(distinct report_no) from sam_report_item where "
                    + "application_no in (?, ?)", Integer.class, a, b)).isEqualTo(1);

            String r1 = reportOf(approved(1));
            String r2 = reportOf(approved(1));
            oneWinner(race(
                    post(NATIONAL_SUP, "/api/v1/samsupply/plans", Map.of("reportNos", List.of(r1, r2),
                            "makerCode", MAKER)),
                    post(NATIONAL_SUP2, "/api/v1/samsupply/plans", Map.of("reportNos", List.of(r2, r1),
                            "makerCode", MAKER))),
                    SamPlanningService.ALREADY_PLANNED, "reportNos");
            assertThat(jdbc.queryForObject("select count(distinct plan_no) from sam_plan_item where report_no in "
                    + "(?, ?)", Integer.class, r1, r2)).isEqualTo(1);
        }
    }

    private String reportOf(String applicationNo) {
        ResponseEntity<String> r = rest.withBasicAuth(PROVINCE_SUP, "demo1234").postForEntity(
                "/api/v1/samsupply/reports", Map.of("applicationNos", List.of(applicationNo)), String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(201);
        return r.getBody().replaceAll("(?s).*\"reportNo\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** One response is 201, the other a 409 problem with the code naming the field; returns the winner. */
    private static ResponseEntity<String> oneWinner(List<ResponseEntity<String>> outcomes, String code, String field) {
        assertThat(outcomes).extracting(r -> r.getStatusCode().value()).containsExactlyInAnyOrder(201, 409);
        ResponseEntity<String> loser = outcomes.stream().filter(r -> r.getStatusCode().value() == 409).findFirst()
                .orElseThrow();
        assertThat(loser.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(loser.getBody()).contains(code).contains(field);
        return outcomes.stream().filter(r -> r.getStatusCode().value() == 201).findFirst().orElseThrow();
    }

    /** Runs both at the same moment. */
    private static <T> List<T> race(Callable<T> a, Callable<T> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
