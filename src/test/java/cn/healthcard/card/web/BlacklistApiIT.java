package cn.healthcard.card.web;

import cn.healthcard.card.BlacklistEntryView;
import cn.healthcard.card.BlacklistQuery;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Blacklist synchronisation over real HTTP (BL-03, INT-04): full and incremental export, paging, errors. */
@IntegrationTest
class BlacklistApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired BlacklistService blacklist;
    @Autowired ResidentService residents;
    @Autowired TestUsers users;

    @Test
    @DisplayName("BL-03 INT-04 a full export then incremental exports after an add and a removal keep a terminal's copy exact")
    void fullThenIncremental() throws Exception {
        // A terminal (a clerk's account) takes the full export, page by page.
        Map<Long, JsonNode> copy = new HashMap<>();
        long since = syncAll("platform", 0, copy);
        assertThat(ids(copy)).isEqualTo(activeIds());

        // Nothing new: the same since comes back, no items.
        JsonNode idle = get("platform", "/api/v1/blacklist?since=" + since);
        assertThat(idle.get("items")).isEmpty();
        assertThat(idle.get("nextSince").asLong()).isEqualTo(since);
        assertThat(idle.get("hasMore").asBoolean()).isFalse();

        String index = residents.documentIndex("01", TestResidents.idNumber(LocalDate.of(1968, 2, 3), "1"));
        long added = users.as("supervisor", () -> blacklist.addResident(index, "冒用证件"));
        String cardNo = "110105S" + System.nanoTime() % 1_000_000_000L;
        long card = SecurityContextUsers.runAsSystem(() -> blacklist.listCard(cardNo, null, "挂失"));

        JsonNode increment = get("supervisor", "/api/v1/blacklist?since=" + since);
        assertThat(increment.get("items")).hasSize(2);
        JsonNode first = increment.get("items").get(0);
        assertThat(first.get("seq").asLong()).isGreaterThan(since);
        assertThat(first.get("action").asText()).isEqualTo("ADDED");
        assertThat(first.get("entryId").asLong()).isEqualTo(added);
        assertThat(first.get("kind").asText()).isEqualTo("RESIDENT");
        assertThat(first.get("documentIndex").asText()).isEqualTo(index).matches("[0-9a-f]+");
        assertThat(first.get("cardNo").isNull()).isTrue();
        assertThat(first.get("reason").asText()).isEqualTo("冒用证件");
        assertThat(Instant.parse(first.get("at").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode second = increment.get("items").get(1);
        assertThat(second.get("entryId").asLong()).isEqualTo(card);
        assertThat(second.get("cardNo").asText()).isEqualTo(cardNo);
        assertThat(second.get("seq").asLong()).isGreaterThan(first.get("seq").asLong());

        long afterAdd = syncAll("platform", since, copy);
        assertThat(afterAdd).isEqualTo(second.get("seq").asLong());
        assertThat(ids(copy)).contains(added, card).isEqualTo(activeIds());

        users.run("admin", () -> blacklist.remove(added, "核实有误"));
        SecurityContextUsers.runAsSystem(() -> blacklist.unlistCard(cardNo, "解挂"));

        JsonNode removals = get("auditor", "/api/v1/blacklist?since=" + afterAdd);
        assertThat(removals.get("items")).hasSize(2);
        assertThat(removals.get("items").get(0).get("action").asText()).isEqualTo("REMOVED");
        assertThat(removals.get("items").get(0).get("entryId").asLong()).isEqualTo(added);
        assertThat(removals.get("items").get(0).get("reason").asText()).isEqualTo("核实有误");
        assertThat(removals.get("items").get(0).get("seq").asLong()).isGreaterThan(afterAdd);
        assertThat(removals.get("items").get(1).get("action").asText()).isEqualTo("REMOVED");
        assertThat(removals.get("items").get(1).get("entryId").asLong()).isEqualTo(card);

        syncAll("platform", afterAdd, copy);
        assertThat(ids(copy)).doesNotContain(added, card).isEqualTo(activeIds());

        // A new terminal replaying everything from 0 arrives at the same set.
        Map<Long, JsonNode> fresh = new HashMap<>();
        syncAll("admin", 0, fresh);
        assertThat(ids(fresh)).isEqualTo(activeIds());
    }

    @Test
    @DisplayName("BL-03 INT-04 limit pages the export: hasMore until the end, nextSince continues exactly after the last item")
    void paging() throws Exception {
        for (int i = 0; i < 3; i++) {
            String index = residents.documentIndex("01", TestResidents.idNumber(LocalDate.of(1966, 4, 5), "2"));
            users.as("supervisor", () -> blacklist.addResident(index, "分页测试"));
        }
        JsonNode all = get("platform", "/api/v1/blacklist?since=0&limit=5000");
        int total = all.get("items").size();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(all.get("hasMore").asBoolean()).isFalse();

        long since = 0;
        int seen = 0;
        long lastSeq = 0;
        boolean more = true;
        int pages = 0;
        while (more) {
            JsonNode page = get("platform", "/api/v1/blacklist?since=" + since + "&limit=2");
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            for (JsonNode item : page.get("items")) {
                assertThat(item.get("seq").asLong()).isGreaterThan(lastSeq);
                assertThat(item.get("seq").asLong()).isEqualTo(all.get("items").get(seen).get("seq").asLong());
                lastSeq = item.get("seq").asLong();
                seen++;
            }
            more = page.get("hasMore").asBoolean();
            if (more) {
                assertThat(page.get("items")).hasSize(2);
            }
            since = page.get("nextSince").asLong();
            pages++;
        }
        assertThat(seen).isEqualTo(total);
        assertThat(pages).isEqualTo((total + 1) / 2);
        assertThat(since).isEqualTo(lastSeq);

        JsonNode defaults = get("platform", "/api/v1/blacklist");
        assertThat(defaults.get("items").size()).isEqualTo(Math.min(total, 500));
    }

    @Test
    @DisplayName("BL-03 INT-04 bad since or limit answers 400 naming the parameter")
    void badParameters() throws Exception {
        assertBad("/api/v1/blacklist?since=-1", "since");
        assertBad("/api/v1/blacklist?since=abc", "since");
        assertBad("/api/v1/blacklist?limit=0", "limit");
        assertBad("/api/v1/blacklist?limit=5001", "limit");
        assertBad("/api/v1/blacklist?limit=99999999999", "limit");
        assertBad("/api/v1/blacklist?limit=-4294967295", "limit"); // would wrap around to 1 as an int
        assertBad("/api/v1/blacklist?limit=" + "9".repeat(40), "limit");
        assertBad("/api/v1/blacklist?limit=ten", "limit");
        assertThat(rest.withBasicAuth("platform", "demo1234")
                .getForEntity("/api/v1/blacklist?limit=5000", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @DisplayName("INT-04 SEC-01 anonymous callers get 401; roles without a blacklist need get 403")
    void security() {
        ResponseEntity<String> anonymous = rest.getForEntity("/api/v1/blacklist", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("platform", "wrong").getForEntity("/api/v1/blacklist", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> production = rest.withBasicAuth("production", "demo1234")
                .getForEntity("/api/v1/blacklist", String.class);
        assertThat(production.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(production.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        for (String user : new String[]{"clerk", "supervisor", "auditor", "admin"}) {
            assertThat(rest.withBasicAuth(user, "demo1234").getForEntity("/api/v1/blacklist", String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
    }

    private void assertBad(String url, String parameter) throws Exception {
        ResponseEntity<String> answer = rest.withBasicAuth("platform", "demo1234").getForEntity(url, String.class);
        assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).as(url).containsExactly(parameter);
    }

    /** Applies every change after since to the copy (entry id → last ADDED change), page by page; the last seq. */
    private long syncAll(String user, long since, Map<Long, JsonNode> copy) throws Exception {
        boolean more = true;
        while (more) {
            JsonNode page = get(user, "/api/v1/blacklist?since=" + since + "&limit=3");
            for (JsonNode item : page.get("items")) {
                long entry = item.get("entryId").asLong();
                if ("ADDED".equals(item.get("action").asText())) {
                    copy.put(entry, item);
                } else {
                    copy.remove(entry);
                }
            }
            more = page.get("hasMore").asBoolean();
            since = page.get("nextSince").asLong();
        }
        return since;
    }

    private static Set<Long> ids(Map<Long, JsonNode> copy) {
        return copy.keySet();
    }

    private Set<Long> activeIds() {
        return users.as("admin", () -> blacklist.query(BlacklistQuery.active(), 0, 1000)).getContent().stream()
                .map(BlacklistEntryView::id).collect(Collectors.toSet());
    }

    private JsonNode get(String user, String url) throws Exception {
        ResponseEntity<String> answer = rest.withBasicAuth(user, "demo1234").getForEntity(url, String.class);
        assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }
}
