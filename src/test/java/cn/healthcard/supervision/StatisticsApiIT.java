package cn.healthcard.supervision;

import cn.healthcard.security.ApiClientAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/statistics}: the numbers as JSON, bad values as 400 problems naming the field, a region outside the
 * caller's scope as 403 naming regionCode, wrong roles 403, anonymous 401, machine clients by scope (INT-06).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsApiIT {

    private static final String OCTOBER = "from=2026-10-01&to=2026-10-31&granularity=MONTH";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired TestUsers users;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApiClientAdministration clients;

    @Autowired StatisticsFixture fixture;

    @BeforeAll
    void writeFixture() {
        fixture.ensure();
        users.run("admin", () -> {
            clients.createIfAbsent("ststatsclient", "demo1234", "安徽省上级统计接入", "ST-C340000",
                    Set.of("statistics"), true);
            clients.createIfAbsent("stcardsclient", "demo1234", "安徽省卡片接入", "ST-C340000", Set.of("cards"),
                    true);
        });
    }

    @AfterAll
    void removeRuntimeRows() {
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 ORG-05: the province's numbers per city as JSON; the city's only its own")
    void numbers() throws Exception {
        JsonNode rows = ok("stsup34", "/api/v1/statistics/issuing?" + OCTOBER);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("regionCode").asText()).isEqualTo("340100");
        assertThat(rows.get(0).get("applied").asLong()).isEqualTo(4);
        assertThat(rows.get(0).get("unsigned").asLong()).isEqualTo(2);
        assertThat(ok("stsup3401", "/api/v1/statistics/issuing?" + OCTOBER)).hasSize(1);
        JsonNode series = ok("stsup34", "/api/v1/statistics/series/APPLIED?" + OCTOBER + "&compare=true");
        assertThat(series.get(0).get("points").get(0).get("value").asLong()).isEqualTo(5);
        assertThat(series.get(0).get("points").get(0).get("previous").asLong()).isEqualTo(1);
        assertThat(ok("stsup34", "/api/v1/statistics/dashboard").get("waitingReviews").asLong()).isEqualTo(2);
        assertThat(ok("stsup34", "/api/v1/statistics/production?" + OCTOBER)).hasSize(2);
        assertThat(ok("stsup34", "/api/v1/statistics/usage?" + OCTOBER)).hasSize(2);
        assertThat(ok("stsup34", "/api/v1/statistics/assessment?" + OCTOBER)).hasSize(1);
        assertThat(ok("stsup34", "/api/v1/statistics/overview?" + OCTOBER)).isNotEmpty();
        assertThat(ok("stsup34", "/api/v1/statistics/applications?" + OCTOBER)).hasSize(4);
    }

    @Test
    @DisplayName("SUP-02 SEC-03: the cases behind a number, masked, paged; each read (a replay too) is audited")
    void cases() throws Exception {
        String path = "/api/v1/statistics/issuing/cases?measure=SIGNED&" + OCTOBER + "&page=0&size=2";
        JsonNode page = ok("staud34", path);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("totalCapped").asBoolean()).isFalse();
        assertThat(page.get("rows")).hasSize(2);
        assertThat(page.get("rows").get(0).get("maskedName").asText()).isEqualTo("李*");
        assertThat(page.toString()).doesNotContain("李华").doesNotContain("王小明");
        Integer before = audited();
        ok("staud34", path);
        assertThat(audited()).isEqualTo(before + 1);
        problem("staud34", "/api/v1/statistics/issuing/cases?measure=SIGNED&size=201", 400, "size");
        problem("staud34", "/api/v1/statistics/issuing/cases?measure=SIGNED&page=-1", 400, "page");
        problem("staud34", "/api/v1/statistics/issuing/cases?measure=NOPE", 400, "measure");
        problem("stsup37", "/api/v1/statistics/issuing/cases?measure=SIGNED&regionCode=340100", 403, "regionCode");
    }

    @Test
    @DisplayName("SUP-01 SUP-03 SUP-04: every measure's rows by REST — a maker's cards and failed answers, a stage's uses, the verification counter, handled tasks")
    void drillDownMeasures() throws Exception {
        String cases = "/api/v1/statistics/issuing/cases?" + OCTOBER + "&measure=";
        JsonNode made = ok("stsup34", cases + "MADE&makerCode=ST-MK1");
        // the bar's 7 (ST-B1's produced), not the cards produced in the range
        assertThat(made.get("total").asLong()).isEqualTo(7);
        assertThat(made.get("rows").findValuesAsText("caseNo")).startsWith("000000ST0000000001",
                "000000ST0000000002", "000000ST0000000111").hasSize(7);
        JsonNode failed = ok("stsup37", cases + "FAILED&makerCode=ST-MK2");
        assertThat(failed.get("rows").findValuesAsText("caseNo")).containsExactly("SQST-F3", "SQST-F4");
        assertThat(failed.get("rows").get(0).get("kind").asText()).isEqualTo("RESULT");
        assertThat(failed.get("rows").get(0).get("detail").asText()).isEqualTo("ST-B3");
        JsonNode uses = ok("stsup34", cases + "CARD_USES&scenario=PHARMACY&institutionCode=ST-H340102");
        assertThat(uses.get("total").asLong()).isEqualTo(2);
        assertThat(uses.get("rows").get(0).get("maskedName").asText()).isEqualTo("王*明");
        assertThat(uses.toString()).doesNotContain("王小明");
        JsonNode counter = ok("stsup34", cases + "ECARD_VERIFICATIONS");
        assertThat(counter.get("rows").get(0).get("kind").asText()).isEqualTo("VERIFICATION_COUNT");
        assertThat(counter.get("rows").get(0).get("quantity").asLong()).isEqualTo(4);
        JsonNode handled = ok("stsup34", cases + "HANDLED&regionCode=340102&institutionCode=ST-340102");
        assertThat(handled.get("rows").findValuesAsText("caseNo")).containsExactly("st-hi-1", "st-hi-2", "st-hi-3");
        assertThat(handled.get("rows").findValues("quantity")).extracting(JsonNode::asLong)
                .containsExactly(60L, 180L, 1800L);
        // the screens' totals are the REST totals
        assertThat(ok("stsup34", cases + "SCRAPPED").get("total").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("STAT-01 LC-07 ORG-05: the overview's slices by REST — SAM cards of a state, requests of a type, institutions of a kind; unknown values 400 naming status / requestType, another region 403")
    void sliceLists() throws Exception {
        String cases = "/api/v1/statistics/issuing/cases?" + OCTOBER + "&measure=";
        JsonNode sam = ok("stsup34", cases + "SAM_STATE&status=FROZEN");
        assertThat(sam.get("total").asLong()).isEqualTo(1);
        assertThat(sam.get("rows").get(0).get("kind").asText()).isEqualTo("SAM");
        assertThat(sam.get("rows").findValuesAsText("caseNo")).containsExactly("ST-SAM-2");
        JsonNode requests = ok("stsup34", cases + "CARD_REQUESTS&requestType=LOSS_REPORT");
        assertThat(requests.get("rows").findValuesAsText("caseNo")).containsExactly("RQST0001");
        assertThat(requests.get("rows").get(0).get("detail").asText()).isEqualTo("LOSS_REPORT");
        JsonNode makers = ok("stsup34", cases + "INSTITUTION_KIND&status=CARD_MAKER");
        assertThat(makers.get("rows").findValuesAsText("caseNo")).containsExactly("ST-MK1");
        assertThat(makers.get("rows").get(0).get("detail").asText()).isEqualTo("皖卡制卡厂");
        problem("stsup34", cases + "CARD_REQUESTS&requestType=NOPE", 400, "requestType");
        problem("stsup34", cases + "CARD_REQUESTS&requestType=" + "L".repeat(33), 400, "requestType");
        problem("stsup34", cases + "SAM_STATE&status=BROKEN", 400, "status");
        problem("stsup34", cases + "INSTITUTION_KIND&status=MEDICAL%27--", 400, "status");
        problem("stsup37", cases + "SAM_STATE&regionCode=340102", 403, "regionCode");
        assertThat(ok("stsup37", cases + "CARD_REQUESTS&requestType=LOSS_REPORT").get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("SUP-01 SUP-03 SUP-04 ORG-05: drill-down attacks — another region 403 naming regionCode, forged maker or stage 400, page size over 200 400")
    void drillDownAttacks() throws Exception {
        String cases = "/api/v1/statistics/issuing/cases?" + OCTOBER + "&measure=";
        problem("stsup37", cases + "CARD_USES&regionCode=340102", 403, "regionCode");
        problem("stsup3401", cases + "HANDLED&regionCode=340000", 403, "regionCode");
        problem("stsup37", cases + "FAILED&regionCode=340000&makerCode=ST-MK1", 403, "regionCode");
        problem("stsup34", cases + "MADE&makerCode=ST-MK1%27%20OR%20%271%27%3D%271", 400, "makerCode");
        problem("stsup34", cases + "FAILED&makerCode=" + "M".repeat(65), 400, "makerCode");
        problem("stsup34", cases + "CARD_USES&scenario=pharmacy", 400, "scenario");
        problem("stsup34", cases + "CARD_USES&scenario=FORGED", 400, "scenario");
        problem("stsup34", cases + "ECARD_VERIFICATIONS&scenario=FORGED", 400, "scenario");
        problem("stsup34", cases + "ECARD_VERIFICATIONS&scenario=REG%3BDROP", 400, "scenario");
        problem("stsup34", cases + "HANDLED&size=201", 400, "size");
        // paging deeper than 100,000 rows (the export's limit) is refused: no deep OFFSET, no unbounded reading
        problem("stsup34", cases + "CARD_USES&page=500&size=200", 400, "page");
        problem("stsup34", cases + "CARD_USES&page=10000000&size=200", 400, "page");
        // another province's institution narrows nothing open to the caller
        assertThat(ok("stsup34", cases + "CARD_USES&institutionCode=ST-H370102").get("total").asLong()).isZero();
        assertThat(ok("stsup34", cases + "ECARD_VERIFICATIONS&institutionCode=ST-H370102").get("total").asLong())
                .isZero();
        assertThat(ok("stsup34", cases + "HANDLED&institutionCode=ST-C370000").get("total").asLong()).isZero();
        // a maker of another province narrows nothing open to the caller: Shandong's answers stay Shandong's
        assertThat(ok("stsup34", cases + "FAILED&makerCode=ST-MK2").get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("SUP-02: bad dates, a range over 366 days, bad codes and values give 400 naming the field")
    void badInput() throws Exception {
        problem("stsup34", "/api/v1/statistics/issuing?from=2026-13-01", 400, "from");
        problem("stsup34", "/api/v1/statistics/issuing?from=2026-10-31&to=2026-10-01", 400, "from");
        problem("stsup34", "/api/v1/statistics/issuing?from=2025-01-01&to=2026-01-02", 400, "to");
        problem("stsup34", "/api/v1/statistics/issuing?granularity=YEAR", 400, "granularity");
        problem("stsup34", "/api/v1/statistics/issuing?regionCode=34", 400, "regionCode");
        problem("stsup34", "/api/v1/statistics/issuing?regionCode=3400001", 400, "regionCode");
        problem("stsup34", "/api/v1/statistics/usage?institutionCode=" + "x".repeat(100), 400, "institutionCode");
        problem("stsup34", "/api/v1/statistics/usage?scenario=%3Cscript%3E", 400, "scenario");
        problem("stsup34", "/api/v1/statistics/series/NOPE", 400, "measure");
        problem("stsup34", "/api/v1/statistics/series/OVERDUE", 400, "measure");
        problem("stsup34", "/api/v1/statistics/issuing?compare=maybe", 400, "compare");
    }

    @Test
    @DisplayName("ORG-05 SEC-01 INT-06: another province 403 naming regionCode, a clerk 403, anonymous 401, machine scope")
    void callers() throws Exception {
        problem("stsup37", "/api/v1/statistics/issuing?regionCode=340000", 403, "regionCode");
        problem("stsup3401", "/api/v1/statistics/issuing?regionCode=340000", 403, "regionCode");
        assertThat(get("stclerk34", "/api/v1/statistics/issuing").getStatusCode().value()).isEqualTo(403);
        assertThat(get("stclerk34", "/api/v1/statistics/dashboard").getStatusCode().value()).isEqualTo(403);
        assertThat(rest.getForEntity("/api/v1/statistics/issuing", String.class).getStatusCode().value())
                .isEqualTo(401);
        // a machine client with the statistics scope reads its region's numbers; one without is refused
        assertThat(ok("ststatsclient", "/api/v1/statistics/issuing?" + OCTOBER)).hasSize(2);
        problem("ststatsclient", "/api/v1/statistics/issuing?regionCode=370000", 403, "regionCode");
        assertThat(get("stcardsclient", "/api/v1/statistics/issuing").getStatusCode().value()).isEqualTo(403);
    }

    private Integer audited() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCasesRead'"
                + " AND actor = 'staud34'", Integer.class);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo1234").getForEntity(path, String.class);
    }

    private JsonNode ok(String user, String path) throws Exception {
        ResponseEntity<String> response = get(user, path);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private void problem(String user, String path, int status, String field) throws Exception {
        ResponseEntity<String> response = get(user, path);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(status);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("errors").findValuesAsText("field")).as(path + ": " + response.getBody()).contains(field);
    }
}
