package cn.healthcard.sam;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.ehc.TerminalService;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SAM API over HTTP with its attacks: bad numbers (400 naming the field), wrong role, another region, 409s. */
@IntegrationTest
class SamApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired InstitutionService institutions;
    @Autowired UserAdministration userAdministration;
    @Autowired TerminalService terminals;
    @Autowired TestUsers users;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;

    SamFixtures f;

    @BeforeEach
    void setUp() {
        f = new SamFixtures(institutions, userAdministration, terminals, users, events, tx);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo1234").getForEntity(path, String.class);
    }

    private JsonNode body(ResponseEntity<String> r) {
        return JsonHttp.read(json, r);
    }

    private static Map<String, Object> freeze(String sam) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samNo", sam);
        m.put("action", "FREEZE");
        m.put("freezeReason", "LOST");
        m.put("reason", "丢失");
        m.put("urgent", false);
        return m;
    }

    @Test
    @DisplayName("SAM-02 a SAM number of 33 characters or in lowercase is 400 naming samNo, in the query and in a request")
    void badNumbers() {
        var r = get("csclerk", "/api/v1/sam/cards?samNo=" + "A".repeat(33));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody()).contains("samNo");
        r = get("csclerk", "/api/v1/sam/cards?samNo=abcdefgh12");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody()).contains("samNo");
        r = JsonHttp.post(rest, json, "csclerk", "/api/v1/sam/cases", freeze("abcdefgh12"));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody()).contains("samNo");
    }

    @Test
    @DisplayName("SAM-04 ORG-05 another region's SAM is 404, a wrong role 403, a second open case 409, the blacklist export pages in seq order")
    void attacks() {
        String[] hospital = f.hospitalWithTerminal("430102");
        String sam = f.samsAt(f.changsha, 1).get(0);
        assertThat(get("zzclerk", "/api/v1/sam/cards/" + sam).getStatusCode().value()).isEqualTo(404);
        assertThat(get("csclerk", "/api/v1/sam/cards/" + sam).getStatusCode().value()).isEqualTo(200);
        long version = body(get("csclerk", "/api/v1/sam/cards/" + sam)).get("card").get("version").asLong();
        Map<String, Object> bind = new LinkedHashMap<>();
        bind.put("institutionCode", hospital[0]);
        bind.put("terminalType", "COUNTER_READER");
        bind.put("terminalNo", hospital[1]);
        bind.put("version", version);
        assertThat(JsonHttp.post(rest, json, "cssuper", "/api/v1/sam/cards/" + sam + "/binding", bind)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(JsonHttp.post(rest, json, "zzclerk", "/api/v1/sam/cards/" + sam + "/binding", bind)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(JsonHttp.post(rest, json, "csclerk", "/api/v1/sam/cards/" + sam + "/binding", bind)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(JsonHttp.post(rest, json, "auditor", "/api/v1/sam/cases", freeze(sam)).getStatusCode().value())
                .isEqualTo(403);
        var first = JsonHttp.post(rest, json, "csclerk", "/api/v1/sam/cases", freeze(sam));
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        String caseNo = body(first).get("caseNo").asText();
        var second = JsonHttp.post(rest, json, "csclerk2", "/api/v1/sam/cases", freeze(sam));
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(body(second).get("code").asText()).isEqualTo("SAM_CASE_OPEN");
        assertThat(get("zzclerk", "/api/v1/sam/cases/" + caseNo).getStatusCode().value()).isEqualTo(404);
        // the requester may not review; a second person approves
        assertThat(JsonHttp.post(rest, json, "csclerk", "/api/v1/sam/cases/" + caseNo + "/review",
                Map.of("decision", "APPROVE")).getStatusCode().value()).isEqualTo(403);
        assertThat(JsonHttp.post(rest, json, "cssuper", "/api/v1/sam/cases/" + caseNo + "/review",
                Map.of("decision", "APPROVE")).getStatusCode().value()).isEqualTo(200);
        JsonNode all = body(get("csclerk", "/api/v1/sam-blacklist?since=0&limit=5000"));
        long seq = -1;
        boolean listed = false;
        for (JsonNode item : all.get("items")) {
            assertThat(item.get("seq").asLong()).isGreaterThan(seq);
            seq = item.get("seq").asLong();
            listed |= item.get("samNo").asText().equals(sam) && item.get("action").asText().equals("ADDED");
        }
        assertThat(listed).isTrue();
        var page = body(get("csclerk", "/api/v1/sam-blacklist?since=0&limit=1"));
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("hasMore").asBoolean()).isEqualTo(all.get("items").size() > 1);
        assertThat(get("csclerk", "/api/v1/sam-blacklist?limit=5001").getStatusCode().value()).isEqualTo(400);
        assertThat(get("cssuper", "/api/v1/sam/statistics/usage").getStatusCode().value()).isEqualTo(200);
        assertThat(get("csclerk", "/api/v1/sam/statistics/usage").getStatusCode().value()).isEqualTo(403);
        var csv = get("cssuper", "/api/v1/sam/statistics/usage/export?format=csv");
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getBody()).contains("冻结");
        assertThat(List.of(get("cssuper", "/api/v1/sam/statistics/usage?regionCode=110000").getStatusCode().value()))
                .containsExactly(400);
    }
}
