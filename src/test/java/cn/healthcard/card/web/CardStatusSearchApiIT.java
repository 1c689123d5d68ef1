package cn.healthcard.card.web;

import cn.healthcard.card.CardService;
import cn.healthcard.card.CardStatus;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.support.CardFixtures;
import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/cards over real HTTP: items, counts per status and total; problem details; roles. */
@IntegrationTest
class CardStatusSearchApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ResidentService residents;
    @Autowired CardService cards;
    @Autowired InstitutionService institutions;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;

    CardFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CardFixtures(residents, cards, institutions, transactions, jdbc);
    }

    @Test
    @DisplayName("APP-13 SEC-02 INT-06 GET /api/v1/cards answers a page of cards with masked holders, exact counts per status and the total")
    void search() throws Exception {
        String inst = fixtures.institution("IT-110108", "北京市海淀区测试服务点", "110108");
        List<String> made = new ArrayList<>();
        made.add(fixtures.card("110108", inst, "欧阳小明", CardStatus.ACTIVE));
        made.add(fixtures.card("110108", inst, "韩梅", CardStatus.ACTIVE));
        made.add(fixtures.card("110108", inst, "陈立", CardStatus.PIN_LOCKED));
        made.add(fixtures.card("110108", inst, "褚卫", CardStatus.READY));

        JsonNode all = get("auditor", "/api/v1/cards?region=110108&size=3&sort=cardNo,asc");
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(all.get("totalPages").asLong()).isEqualTo(2);
        assertThat(all.get("page").asInt()).isZero();
        assertThat(all.get("size").asInt()).isEqualTo(3);
        JsonNode counts = all.get("countsByStatus");
        assertThat(iterable(counts.fieldNames())).containsExactly("READY", "ACTIVE", "REPORTED_LOST", "PIN_LOCKED",
                "REPLACED", "CANCELLED");
        assertThat(counts.get("ACTIVE").asLong()).isEqualTo(2);
        assertThat(counts.get("PIN_LOCKED").asLong()).isEqualTo(1);
        assertThat(counts.get("READY").asLong()).isEqualTo(1);
        assertThat(counts.get("CANCELLED").asLong()).isZero();
        assertThat(all.get("items")).hasSize(3);
        assertThat(all.get("items").findValuesAsText("cardNo")).containsExactlyElementsOf(made.stream().sorted()
                .limit(3).toList());
        JsonNode first = all.get("items").get(0);
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("statusName").asText()).isEqualTo("正常");
        assertThat(first.get("holderName").asText()).isEqualTo("欧**明");
        assertThat(first.get("regionName").asText()).isEqualTo("北京市海淀区");
        assertThat(first.get("institutionCode").asText()).isEqualTo(inst);
        assertThat(first.get("institutionName").asText()).isEqualTo("北京市海淀区测试服务点");
        assertThat(first.has("residentId")).as("no internal resident id").isFalse();
        assertThat(all.toString()).doesNotContain("欧阳小明");

        JsonNode second = get("auditor", "/api/v1/cards?region=110108&size=3&page=1&sort=cardNo");
        assertThat(second.get("items").findValuesAsText("cardNo")).containsExactly(made.stream().sorted()
                .skip(3).findFirst().orElseThrow());

        // status repeated or comma-separated, and a period on the issue date
        JsonNode troubled = get("admin",
                "/api/v1/cards?region=110108&status=PIN_LOCKED&status=ready,active&dateField=ISSUED&from=2000-01-01");
        assertThat(iterable(troubled.get("countsByStatus").fieldNames())).containsExactly("READY", "ACTIVE",
                "PIN_LOCKED");
        assertThat(troubled.get("total").asLong()).as("the READY card was never issued").isEqualTo(3);
        assertThat(troubled.get("countsByStatus").get("READY").asLong()).isZero();
    }

    @Test
    @DisplayName("APP-13 INT-06 bad parameters answer 400 problem+json naming each parameter with a Chinese message")
    void badParameters() throws Exception {
        assertBad("/api/v1/cards?from=2025-03-02&to=2025-03-01", "to");
        assertBad("/api/v1/cards?region=110199", "region");
        assertBad("/api/v1/cards?region=abc", "region");
        assertBad("/api/v1/cards?region=310104", "region");
        assertBad("/api/v1/cards?institution=SH-310104", "institution");
        assertBad("/api/v1/cards?institution=NO-SUCH", "institution");
        assertBad("/api/v1/cards?size=201", "size");
        assertBad("/api/v1/cards?size=ten", "size");
        assertBad("/api/v1/cards?page=-1", "page");
        assertBad("/api/v1/cards?status=LOST", "status");
        assertBad("/api/v1/cards?dateField=CREATED", "dateField");
        assertBad("/api/v1/cards?from=2025-02-30", "from");
        assertBad("/api/v1/cards?sort=holder", "sort");
        assertBad("/api/v1/cards?sort=cardNo,up", "sort");
        ResponseEntity<String> many = rest.withBasicAuth("auditor", "demo1234")
                .getForEntity("/api/v1/cards?region=310104&size=500&from=2025-03-02&to=2025-03-01", String.class);
        assertThat(json.readTree(many.getBody()).get("errors").findValuesAsText("field"))
                .containsExactly("region", "to", "size");
        JsonNode problem = json.readTree(rest.withBasicAuth("auditor", "demo1234")
                .getForEntity("/api/v1/cards?size=201", String.class).getBody());
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("「每页条数」应在1–200之间");
        assertThat(rest.withBasicAuth("auditor", "demo1234").getForEntity("/api/v1/cards?size=200", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @DisplayName("SEC-01 SEC-02 a clerk gets 403 problem+json, anonymous callers 401; auditors, supervisors and admins may search")
    void security() {
        ResponseEntity<String> clerk = rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/cards",
                String.class);
        assertThat(clerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(clerk.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rest.withBasicAuth("platform", "demo1234").getForEntity("/api/v1/cards", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/v1/cards", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String user : new String[]{"auditor", "supervisor", "admin"}) {
            assertThat(rest.withBasicAuth(user, "demo1234").getForEntity("/api/v1/cards", String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
        assertThat(rest.getForEntity("/v3/api-docs", String.class).getBody()).contains("/api/v1/cards\"")
                .contains("countsByStatus");
    }

    private void assertBad(String url, String parameter) throws Exception {
        ResponseEntity<String> answer = rest.withBasicAuth("auditor", "demo1234").getForEntity(url, String.class);
        assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asText()).isEqualTo("urn:healthcard:problem:invalid-data");
        assertThat(problem.get("errors").findValuesAsText("field")).as(url).containsExactly(parameter);
        assertThat(problem.get("errors").get(0).get("message").asText()).as(url).containsPattern("\\p{IsHan}");
    }

    private JsonNode get(String user, String url) throws Exception {
        ResponseEntity<String> answer = rest.withBasicAuth(user, "demo1234").getForEntity(url, String.class);
        assertThat(answer.getStatusCode()).as(url + " " + answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
