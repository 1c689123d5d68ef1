package cn.healthcard.institution.web;

import cn.healthcard.institution.InstitutionImport;
import cn.healthcard.institution.InstitutionRow;
import cn.healthcard.security.Role;
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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register over HTTP (ORG-01…05, INT-01, STAT-01): status codes and problems for every operation, attacked from
 * another region, with the wrong role, replayed and with overlong values.
 */
@IntegrationTest
class InstitutionApiIT {

    private static final String BASE = "/api/v1/institutions";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired UserAdministration userAdministration;
    @Autowired TestUsers users;

    @BeforeEach
    void setUp() {
        users.run("admin", () -> {
            userAdministration.createIfAbsent("bjadmin", "demo1234", "北京管理员", "BJ-110000", Set.of(Role.ADMIN),
                    false, true);
            userAdministration.createIfAbsent("shadmin", "demo1234", "上海管理员", "SH-310000", Set.of(Role.ADMIN),
                    false, true);
        });
    }

    private static String code(String prefix) {
        return prefix + "-API-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    private static Map<String, Object> bank(String code, String region) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", "接口银行" + code);
        m.put("kind", "FINANCIAL");
        m.put("regionCode", region);
        m.put("contact", "张");
        m.put("phone", "010-1234");
        m.put("address", "北京");
        m.put("head", "王");
        return m;
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            String text = body == null ? null : json.writeValueAsString(body);
            return rest.withBasicAuth(user, "demo1234").exchange(path, method, new HttpEntity<>(text, headers),
                    String.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(ResponseEntity<String> r) {
        return JsonHttp.read(json, r);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> f = new ArrayList<>();
        problem.path("errors").forEach(e -> f.add(e.get("field").asText()));
        return f;
    }

    @Test
    @DisplayName("ORG-04 ORG-05 register, read, modify and cancel over HTTP; each refused from another region (404), to the wrong role (403), replayed (409), stale (409)")
    void lifecycle() {
        String code = code("B");
        ResponseEntity<String> created = call("bjadmin", HttpMethod.POST, BASE, bank(code, "110000"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasPath(BASE + "/" + code);
        assertThat(read(created).get("superiorCode").asText()).isEqualTo("BJ-110000");
        // register: wrong role 403; another region's admin 400 naming the region
        assertThat(call("auditor", HttpMethod.POST, BASE, bank(code("B"), "110000")).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> outside = call("shadmin", HttpMethod.POST, BASE, bank(code("B"), "110000"));
        assertThat(outside.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(read(outside))).containsExactly("regionCode");
        // details
        assertThat(call("auditor", HttpMethod.GET, BASE + "/" + code, null).getStatusCode().value()).isEqualTo(200);
        assertThat(call("shadmin", HttpMethod.GET, BASE + "/" + code, null).getStatusCode().value()).isEqualTo(404);
        assertThat(call("shsupervisor", HttpMethod.GET, BASE + "/" + code, null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(call("clerk", HttpMethod.GET, BASE + "/" + code, null).getStatusCode().value()).isEqualTo(403);
        assertThat(call("auditor", HttpMethod.GET, BASE + "/" + "X".repeat(300), null).getStatusCode().value())
                .isEqualTo(404);
        // modify
        Map<String, Object> renamed = bank(code, "110000");
        renamed.put("name", "改名银行");
        assertThat(call("shadmin", HttpMethod.PUT, BASE + "/" + code + "?version=0", renamed).getStatusCode()
                .value()).isEqualTo(404);
        assertThat(call("auditor", HttpMethod.PUT, BASE + "/" + code + "?version=0", renamed).getStatusCode()
                .value()).isEqualTo(403);
        ResponseEntity<String> modified = call("bjadmin", HttpMethod.PUT, BASE + "/" + code + "?version=0", renamed);
        assertThat(modified.getStatusCode().value()).as(modified.getBody()).isEqualTo(200);
        assertThat(read(modified).get("version").asLong()).isEqualTo(1);
        ResponseEntity<String> stale = call("admin", HttpMethod.PUT, BASE + "/" + code + "?version=0", renamed);
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(read(stale).get("code").asText()).isEqualTo("INSTITUTION_VERSION");
        assertThat(call("bjadmin", HttpMethod.PUT, BASE + "/" + code + "?version=x", renamed).getStatusCode()
                .value()).isEqualTo(400);
        // cancel
        Map<String, Object> cancel = Map.of("version", 1, "reason", "合作终止");
        assertThat(call("shadmin", HttpMethod.POST, BASE + "/" + code + "/cancel", cancel).getStatusCode().value())
                .isEqualTo(404);
        assertThat(call("supervisor", HttpMethod.POST, BASE + "/" + code + "/cancel", cancel).getStatusCode()
                .value()).isEqualTo(403);
        ResponseEntity<String> noReason = call("bjadmin", HttpMethod.POST, BASE + "/" + code + "/cancel",
                Map.of("version", 1));
        assertThat(fields(read(noReason))).containsExactly("reason");
        assertThat(fields(read(call("bjadmin", HttpMethod.POST, BASE + "/" + code + "/cancel",
                Map.of("reason", "x"))))).containsExactly("version");
        assertThat(fields(read(call("bjadmin", HttpMethod.POST, BASE + "/" + code + "/cancel",
                Map.of("version", 1, "reason", "长".repeat(201)))))).containsExactly("reason");
        ResponseEntity<String> cancelled = call("bjadmin", HttpMethod.POST, BASE + "/" + code + "/cancel", cancel);
        assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
        assertThat(read(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        ResponseEntity<String> replay = call("bjadmin", HttpMethod.POST, BASE + "/" + code + "/cancel", cancel);
        assertThat(replay.getStatusCode().value()).isEqualTo(409);
        assertThat(read(replay).get("code").asText()).isEqualTo("INSTITUTION_CANCELLED");
        // history: registered, modified, cancelled — once each, the replay left nothing
        JsonNode history = read(call("auditor", HttpMethod.GET, BASE + "/" + code + "/history", null));
        assertThat(history).hasSize(3);
        assertThat(history.get(2).get("payload").get("status").asText()).isEqualTo("CANCELLED");
        assertThat(call("shadmin", HttpMethod.GET, BASE + "/" + code + "/history", null).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("ORG-01 ORG-02 ORG-05 the list filters and pages within the caller's region; bad filters answer 400 naming them")
    void list() {
        String code = code("L");
        call("bjadmin", HttpMethod.POST, BASE, bank(code, "110105"));
        JsonNode page = read(call("auditor", HttpMethod.GET, BASE + "?code=" + code, null));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("code").asText()).isEqualTo(code);
        assertThat(read(call("shadmin", HttpMethod.GET, BASE + "?code=" + code, null)).get("total").asLong())
                .isZero();
        assertThat(read(call("auditor", HttpMethod.GET, BASE + "?kind=FINANCIAL&regionCode=110105&status=ACTIVE"
                + "&registeredFrom=2020-01-01&size=500", null)).get("items").findValuesAsText("code")).contains(code);
        assertThat(call("clerk", HttpMethod.GET, BASE, null).getStatusCode().value()).isEqualTo(403);
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "?regionCode=11", null))))
                .containsExactly("regionCode");
        assertThat(call("auditor", HttpMethod.GET, BASE + "?kind=NOPE", null).getStatusCode().value())
                .isEqualTo(400);
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "?size=501", null)))).containsExactly("size");
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "?name=" + "长".repeat(101), null))))
                .containsExactly("name");
        assertThat(call("auditor", HttpMethod.GET, BASE + "?registeredFrom=2020-13-01", null).getStatusCode()
                .value()).isEqualTo(400);
    }

    @Test
    @DisplayName("ORG-01 ORG-05 STAT-01 changes export and counts over HTTP: in seq order, scoped, bad parameters 400, other region's counts 404")
    void changesAndCounts() {
        String code = code("C");
        call("bjadmin", HttpMethod.POST, BASE, bank(code, "110000"));
        JsonNode page = read(call("auditor", HttpMethod.GET, BASE + "/changes?since=0&limit=5000", null));
        long next = page.get("nextSince").asLong();
        while (page.get("hasMore").asBoolean()) {
            page = read(call("auditor", HttpMethod.GET, BASE + "/changes?limit=5000&since=" + next, null));
            next = page.get("nextSince").asLong();
        }
        assertThat(page.get("items").findValuesAsText("code")).contains(code);
        JsonNode mine = null;
        for (JsonNode item : page.get("items")) {
            if (item.get("code").asText().equals(code)) {
                mine = item;
            }
        }
        assertThat(mine.get("type").asText()).isEqualTo("REGISTERED");
        assertThat(mine.get("payload").get("regionCode").asText()).isEqualTo("110000");
        assertThat(mine.get("by").asText()).isEqualTo("bjadmin");
        JsonNode sh = read(call("shadmin", HttpMethod.GET, BASE + "/changes?since=0&limit=5000", null));
        sh.get("items").forEach(i -> assertThat(i.get("regionCode").asText()).startsWith("31"));
        assertThat(call("clerk", HttpMethod.GET, BASE + "/changes", null).getStatusCode().value()).isEqualTo(403);
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "/changes?since=-1&limit=0", null))))
                .containsExactlyInAnyOrder("since", "limit");
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "/changes?limit=99999999999", null))))
                .containsExactly("limit");
        assertThat(call("auditor", HttpMethod.GET, BASE + "/changes?since=abc", null).getStatusCode().value())
                .isEqualTo(400);

        JsonNode counts = read(call("auditor", HttpMethod.GET, BASE + "/counts?regionCode=110000", null));
        assertThat(counts.get("total").asLong()).isPositive();
        assertThat(counts.get("byKind").get("FINANCIAL").asLong()).isPositive();
        assertThat(counts.get("byLevel").get("PROVINCIAL").asLong()).isEqualTo(1);
        assertThat(call("shadmin", HttpMethod.GET, BASE + "/counts?regionCode=110000", null).getStatusCode()
                .value()).isEqualTo(404);
        assertThat(fields(read(call("auditor", HttpMethod.GET, BASE + "/counts?regionCode=abc", null))))
                .containsExactly("regionCode");
        assertThat(call("production", HttpMethod.GET, BASE + "/counts", null).getStatusCode().value())
                .isEqualTo(403);
    }

    private ResponseEntity<String> upload(String user, String fileName, byte[] content) {
        HttpHeaders part = new HttpHeaders();
        part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, part));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "demo1234").postForEntity(BASE + "/import", new HttpEntity<>(body, headers),
                String.class);
    }

    private static String csvLine(String code, String region, String name) {
        return String.join(",", code, name, "金融机构", region, "", "张", "010-1", "北京", "王", "", "", "", "");
    }

    @Test
    @DisplayName("INT-01 ORG-05 file import and batch over HTTP: 200 when written, 422 with the per-row report when any row is rejected, 413 too large, 403 wrong role, 400 bad file or zip bomb")
    void imports() {
        String header = String.join(",", InstitutionRow.HEADERS);
        String ok = code("I");
        byte[] good = (header + "\n" + csvLine(ok, "110000", "导入银行") + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload("auditor", "a.csv", good).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> written = upload("bjadmin", "a.csv", good);
        assertThat(written.getStatusCode().value()).as(written.getBody()).isEqualTo(200);
        assertThat(read(written).get("accepted").asInt()).isEqualTo(1);
        String bad = code("I");
        byte[] mixed = (header + "\n" + csvLine(bad, "110000", "好银行") + "\n" + csvLine(code("I"), "310104", "越界银行")
                + "\n").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> rejected = upload("bjadmin", "b.csv", mixed);
        assertThat(rejected.getStatusCode().value()).isEqualTo(422);
        JsonNode report = read(rejected);
        assertThat(report.get("committed").asBoolean()).isFalse();
        assertThat(report.get("rows").get(1).get("rowNumber").asInt()).isEqualTo(3);
        assertThat(report.get("rows").get(1).get("column").asText()).isEqualTo("行政区划代码");
        assertThat(call("bjadmin", HttpMethod.GET, BASE + "/" + bad, null).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> wrongHeaders = upload("bjadmin", "c.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(fields(read(wrongHeaders))).containsExactly("file");
        assertThat(fields(read(upload("bjadmin", "c.exe", good)))).containsExactly("file");
        byte[] huge = new byte[(int) InstitutionImport.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(upload("bjadmin", "big.csv", huge).getStatusCode().value()).isEqualTo(413);
        // a zip bomb: 300 KiB of .xlsx holding 100 MiB of rows is refused as a bad file, not read into memory
        ResponseEntity<String> bomb = upload("bjadmin", "bomb.xlsx", cn.healthcard.institution.CraftedXlsx
                .manyRows(2_000_000));
        assertThat(bomb.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(read(bomb))).containsExactly("file");

        // batch
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", code("J"));
        row.put("name", "批量银行");
        row.put("kind", "FINANCIAL");
        row.put("regionCode", "110000");
        row.put("contact", "张");
        row.put("phone", "010-1");
        row.put("address", "北京");
        row.put("head", "王");
        assertThat(JsonHttp.post(rest, json, "auditor", BASE + "/batch", Map.of("rows", List.of(row)))
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> sh = JsonHttp.post(rest, json, "shadmin", BASE + "/batch", Map.of("rows", List.of(row)));
        assertThat(sh.getStatusCode().value()).isEqualTo(422);
        ResponseEntity<String> batch = JsonHttp.post(rest, json, "bjadmin", BASE + "/batch",
                Map.of("rows", List.of(row)));
        assertThat(batch.getStatusCode().value()).as(batch.getBody()).isEqualTo(200);
        assertThat(read(batch).get("rows").get(0).get("rowNumber").asInt()).isEqualTo(1);
        // replayed: the same row again is a duplicate, nothing written twice
        ResponseEntity<String> replay = JsonHttp.post(rest, json, "bjadmin", BASE + "/batch",
                Map.of("rows", List.of(row)));
        assertThat(read(replay).get("duplicates").asInt()).isEqualTo(1);
        assertThat(fields(read(JsonHttp.post(rest, json, "bjadmin", BASE + "/batch", Map.of("rows", List.of())))))
                .containsExactly("rows");
        assertThat(fields(read(JsonHttp.post(rest, json, "bjadmin", BASE + "/batch", List.of(1, 2)))))
                .containsExactly("rows");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= InstitutionImport.MAX_ROWS; i++) {
            many.add(Map.of("code", "X" + i));
        }
        assertThat(JsonHttp.post(rest, json, "bjadmin", BASE + "/batch", Map.of("rows", many)).getStatusCode()
                .value()).isEqualTo(413);
        Map<String, Object> longName = new LinkedHashMap<>(row);
        longName.put("code", "Y".repeat(5000));
        ResponseEntity<String> overlong = JsonHttp.post(rest, json, "bjadmin", BASE + "/batch",
                Map.of("rows", List.of(longName)));
        assertThat(overlong.getStatusCode().value()).isEqualTo(422);
        assertThat(read(overlong).get("rows").get(0).get("column").asText()).isEqualTo("机构代码");
    }
}
