package cn.healthcard.supervision.export;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.support.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/v1/statistics/exports}: bad input, roles, another user's job, a replayed request. */
class ExportApiIT extends ExportTestBase {

    static final String PATH = "/api/v1/statistics/exports";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;

    static Map<String, Object> body(String screen, String format) {
        Map<String, Object> body = new HashMap<>();
        body.put("screen", screen);
        body.put("format", format);
        body.put("from", "2026-12-01");
        body.put("to", "2026-12-07");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @Test
    @DisplayName("SUP-02 SEC-03: a queued export answers 202 with its job; the owner polls it and downloads the workbook")
    void queueAndDownload() throws Exception {
        ResponseEntity<String> created = JsonHttp.post(rest, json, "supervisor", PATH, body("ISSUING", "XLSX"));
        assertThat(created.getStatusCode().value()).isEqualTo(202);
        JsonNode job = JsonHttp.read(json, created);
        String id = job.get("id").asText();
        assertThat(created.getHeaders().getLocation()).hasToString(PATH + "/" + id);
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(3);

        JsonNode done = awaitDone("supervisor", id);
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        var file = rest.withBasicAuth("supervisor", "demo1234").getForEntity(PATH + "/" + id + "/file", byte[].class);
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        assertThat(file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment")
                .contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            assertThat(workbook.getSheet("发放监管").getRow(4).getCell(5).getNumericCellValue()).isEqualTo(157.0);
        }
        JsonNode mine = JsonHttp.read(json, rest.withBasicAuth("supervisor", "demo1234").getForEntity(PATH,
                String.class));
        assertThat(mine.findValuesAsText("id")).contains(id);
    }

    @Test
    @DisplayName("SEC-03 ORG-05: another user's job and file answer 404 (whatever the role); an unknown id 404, a malformed one 400")
    void anotherUsersJob() throws Exception {
        String id = JsonHttp.read(json, JsonHttp.post(rest, json, "supervisor", PATH, body("ISSUING", "CSV")))
                .get("id").asText();
        awaitDone("supervisor", id);
        for (String other : new String[] {"lead", "admin", "auditor"}) {
            assertThat(get(other, PATH + "/" + id)).as(other).isEqualTo(404);
            assertThat(get(other, PATH + "/" + id + "/file")).as(other).isEqualTo(404);
        }
        assertThat(get("supervisor", PATH + "/00000000-0000-0000-0000-000000000000")).isEqualTo(404);
        assertThat(get("supervisor", PATH + "/not-a-uuid")).isEqualTo(400);
        assertThat(get("supervisor", PATH + "/" + id + "/file")).isEqualTo(200);
    }

    @Test
    @DisplayName("SUP-02 ORG-05 SEC-01: roles — a clerk 403, anonymous 401, a machine client without a statistics scope refused; another region 403 before a job exists")
    void roles() {
        assertThat(JsonHttp.post(rest, json, "clerk", PATH, body("ISSUING", "CSV")).getStatusCode().value())
                .isEqualTo(403);
        assertThat(JsonHttp.post(rest, json, null, PATH, body("ISSUING", "CSV")).getStatusCode().value())
                .isEqualTo(401);
        assertThat(JsonHttp.post(rest, json, "platform", PATH, body("ISSUING", "CSV")).getStatusCode().value())
                .isIn(401, 403);
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class);
        assertThat(JsonHttp.post(rest, json, "shsupervisor", PATH,
                with(with(body("CASES", "CSV"), "measure", "SIGNED"), "regionCode", "110105"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM export_job", Long.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("SUP-02 SEC-03: bad input answers 400 naming the field — missing or unknown screen, PDF, bad dates, overlong or malformed codes, a case list without measure or longer than an export records")
    void badInput() throws Exception {
        assertField(with(body("ISSUING", "CSV"), "screen", null), "screen");
        assertField(with(body("ISSUING", "CSV"), "screen", "SECRET"), "screen");
        assertField(body("ISSUING", "PDF"), "format");
        assertField(with(body("ISSUING", "CSV"), "format", "DOCX"), "format");
        assertField(with(body("ISSUING", "CSV"), "from", null), "from");
        assertField(with(body("ISSUING", "CSV"), "to", "2026-13-01"), "to");
        assertField(with(body("ISSUING", "CSV"), "to", "2026-11-01"), "to");
        assertField(with(body("ISSUING", "CSV"), "regionCode", "1101050"), "regionCode");
        assertField(with(body("ISSUING", "CSV"), "regionCode", "11010x"), "regionCode");
        assertField(with(body("ISSUING", "CSV"), "institutionCode", "x".repeat(33)), "institutionCode");
        assertField(with(body("ISSUING", "CSV"), "institutionCode", "<script>"), "institutionCode");
        assertField(with(body("ISSUING", "CSV"), "requestId", "r".repeat(65)), "requestId");
        assertField(body("CASES", "CSV"), "measure");
        assertField(with(body("CASES", "CSV"), "measure", "EVERYTHING"), "measure");
        // SEC-03: a case list longer than an export records (100 000) is refused naming the filter
        assertField(with(body("CASES", "CSV"), "measure", "UNSIGNED"), "filter");
    }

    @Test
    @DisplayName("SEC-03: a replayed request (same requestId) returns the first job and queues nothing more; the id reused for another request is 409")
    void replay() {
        Map<String, Object> body = with(body("ISSUING", "CSV"), "requestId", "replay-" + Instant.now().toEpochMilli());
        String first = JsonHttp.read(json, JsonHttp.post(rest, json, "lead", PATH, body)).get("id").asText();
        ResponseEntity<String> again = JsonHttp.post(rest, json, "lead", PATH, body);
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(JsonHttp.read(json, again).get("id").asText()).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM export_job WHERE request_id = ?", Long.class,
                body.get("requestId"))).isEqualTo(1);
        // the same request id for another request is refused, naming it
        ResponseEntity<String> reused = JsonHttp.post(rest, json, "lead", PATH, with(body, "format", "XLSX"));
        assertThat(reused.getStatusCode().value()).isEqualTo(409);
        assertThat(reused.getBody()).contains("REQUEST_ID_REUSED").contains("\"field\":\"requestId\"");
        // the same request id of another user is another user's job
        String theirs = JsonHttp.read(json, JsonHttp.post(rest, json, "supervisor", PATH, body)).get("id").asText();
        assertThat(theirs).isNotEqualTo(first);
    }

    private void assertField(Map<String, Object> body, String field) throws Exception {
        ResponseEntity<String> answer = JsonHttp.post(rest, json, "supervisor", PATH, body);
        assertThat(answer.getStatusCode().value()).as(body + " → " + answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody()).as(body.toString()).contains("\"field\":\"" + field + "\"");
    }

    private int get(String user, String path) {
        return rest.withBasicAuth(user, "demo1234").getForEntity(path, String.class).getStatusCode().value();
    }

    private JsonNode awaitDone(String user, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = JsonHttp.read(json, rest.withBasicAuth(user, "demo1234").getForEntity(PATH + "/" + id,
                    String.class));
            String status = job.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export " + id + " did not end");
    }
}
