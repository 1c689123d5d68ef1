package cn.healthcard.floor;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor over HTTP (issue #13, PER-06..PER-12, BPM-06): the maker's system drives a batch by batch number; the
 * attacks — another maker (404), a wrong role (403), the same person twice (403, a replay of the start), a bad count
 * and overlong values (400 naming the field); the four PDFs, written to {@code target/reports/} for the screenshots.
 */
@IntegrationTest
class FloorApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired FloorScenarios scenarios;

    @BeforeEach
    void people() {
        scenarios.people();
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return JsonHttp.post(rest, json, user, "/api/v1/floor" + path, body);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo1234").getForEntity("/api/v1/floor" + path, String.class);
    }

    private byte[] pdf(String user, String path, String name) throws Exception {
        ResponseEntity<byte[]> r = rest.withBasicAuth(user, "demo1234").getForEntity("/api/v1/floor" + path,
                byte[].class);
        assertThat(r.getStatusCode().value()).as(path).isEqualTo(200);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/" + name + ".pdf"), r.getBody());
        return r.getBody();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PdfReader reader = new PdfReader(pdf)) {
            return new PdfTextExtractor(reader).getTextFromPage(1);
        }
    }

    @Test
    @DisplayName("PER-06 ORG-05 SEC-02: another maker gets 404, a clerk 403, the same person confirming twice 403; the second person starts the run")
    void scopingAndTwoPersons() {
        String batch = scenarios.release(FloorScenarios.MAKER_A, 3, false);
        assertThat(get("floorb1", "/batches/" + batch).getStatusCode().value()).isEqualTo(404);
        assertThat(post("floorb1", "/batches/" + batch + "/start-confirmations", Map.of()).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post("clerk", "/batches/" + batch + "/start-confirmations", Map.of()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(get("floorsup", "/batches/" + batch).getStatusCode().value()).isEqualTo(200);
        assertThat(post("floora1", "/batches/" + batch + "/start-confirmations", Map.of()).getStatusCode().value())
                .isEqualTo(200);
        var replay = post("floora1", "/batches/" + batch + "/start-confirmations", Map.of());
        assertThat(replay.getStatusCode().value()).isEqualTo(403);
        assertThat(post("floora2", "/batches/" + batch + "/start-confirmations", Map.of()).getStatusCode().value())
                .isEqualTo(200);
        // the case has moved on: the start is no longer open
        assertThat(post("floora2", "/batches/" + batch + "/start-confirmations", Map.of()).getStatusCode().value())
                .isEqualTo(409);
        JsonNode list = JsonHttp.read(json, get("floora1", "/batches"));
        assertThat(list.findValuesAsText("batchNo")).contains(batch);
        assertThat(JsonHttp.read(json, get("floorb1", "/batches")).findValuesAsText("batchNo")).doesNotContain(batch);
    }

    @Test
    @DisplayName("PER-07 PER-04: a hand-over whose counts do not balance and overlong values are 400 problems naming the field")
    void badInput() {
        String batch = scenarios.produced();
        var unbalanced = post("floora1", "/batches/" + batch + "/handovers", Map.of("step", "PERSONALISATION",
                "receivedBy", "floora2", "countIn", 3, "good", 1, "damaged", 1, "rework", 0));
        assertThat(unbalanced.getStatusCode().value()).isEqualTo(400);
        assertThat(unbalanced.getBody()).contains("countIn");
        var overlong = post("floora1", "/batches/" + batch + "/card-errors", Map.of("caseId", "C1", "field", "photo",
                "reason", "很".repeat(501)));
        assertThat(overlong.getStatusCode().value()).isEqualTo(400);
        assertThat(overlong.getBody()).contains("reason");
        var movement = post("floora1", "/movements", Map.of("stock", "WHITE", "direction", "IN", "quantity", -5));
        assertThat(movement.getStatusCode().value()).isEqualTo(400);
        assertThat(movement.getBody()).contains("quantity");
        var good = post("floora1", "/batches/" + batch + "/handovers", Map.of("step", "PERSONALISATION",
                "receivedBy", "floora2", "countIn", 3, "good", 3, "damaged", 0, "rework", 0));
        assertThat(good.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    @DisplayName("BPM-06 PER-07 PER-08 PER-09 PER-11: the hand-over form, the co-signed destruction record, the packing list with box numbers and the daily reconciliation sheet as PDFs")
    void documents() throws Exception {
        String batch = scenarios.sealed();
        assertThat(text(pdf("floora1", "/batches/" + batch + "/handover-form", "handover-form")))
                .contains("制卡工序交接单", "质量检验");
        assertThat(text(pdf("floora1", "/batches/" + batch + "/destruction-record", "destruction-record")))
                .contains("销毁记录单", "甲制卡a1", "甲制卡a2");
        assertThat(text(pdf("floorsup", "/batches/" + batch + "/packing-list", "packing-list")))
                .contains("装箱单", batch + "-001", batch + "-002");
        assertThat(get("floorb1", "/batches/" + batch + "/packing-list").getStatusCode().value()).isEqualTo(404);
        assertThat(post("floorc1", "/movements", Map.of("stock", "WHITE", "direction", "IN", "quantity", 500,
                "note", "白卡入库")).getStatusCode().value()).isEqualTo(200);
        assertThat(post("floorc1", "/movements", Map.of("stock", "WHITE", "direction", "OUT", "quantity", 120))
                .getStatusCode().value()).isEqualTo(200);
        var rec = post("floorc1", "/reconciliations", Map.of("physical", Map.of("WHITE", 380, "SEMI", 0,
                "FINISHED", 0)));
        assertThat(rec.getStatusCode().value()).as(rec.getBody()).isEqualTo(200);
        String id = JsonHttp.read(json, rec).get("id").asText();
        assertThat(JsonHttp.read(json, rec).get("status").asText()).isEqualTo("MATCHED");
        assertThat(get("floora1", "/reconciliations/" + id + "/sheet").getStatusCode().value()).isEqualTo(404);
        assertThat(text(pdf("floorc1", "/reconciliations/" + id + "/sheet", "daily-reconciliation")))
                .contains("制卡日清点表", "白卡", "380");
    }

    @Test
    @DisplayName("PER-07 SEC-02: over HTTP the receiver confirms a hand-over — the one who handed it over 403, a count that differs 400 on counts (not naming which one), a replay of the confirmation 400 on step once the next hand-over is due, another maker 404")
    void handoverConfirmedByReceiver() {
        String batch = scenarios.produced();
        Map<String, Object> form = Map.of("step", "PERSONALISATION", "receivedBy", "floora2", "countIn", 3, "good", 3,
                "damaged", 0, "rework", 0);
        assertThat(post("floora1", "/batches/" + batch + "/handovers", form).getStatusCode().value()).isEqualTo(200);
        assertThat(post("floora1", "/batches/" + batch + "/handovers", form).getStatusCode().value()).isEqualTo(403);
        var mismatch = post("floora2", "/batches/" + batch + "/handovers", Map.of("step", "PERSONALISATION",
                "receivedBy", "floora2", "countIn", 3, "good", 2, "damaged", 1, "rework", 0));
        assertThat(mismatch.getStatusCode().value()).isEqualTo(400);
        assertThat(mismatch.getBody()).contains("counts").doesNotContain("\"good\"");
        assertThat(post("floorb1", "/batches/" + batch + "/handovers", form).getStatusCode().value()).isEqualTo(404);
        assertThat(post("floora2", "/batches/" + batch + "/handovers", form).getStatusCode().value()).isEqualTo(200);
        // the next hand-over is QUALITY_CHECK: the same confirmation again is refused by field
        var replay = post("floora2", "/batches/" + batch + "/handovers", form);
        assertThat(replay.getStatusCode().value()).isEqualTo(400);
        assertThat(replay.getBody()).contains("step");
    }

    @Test
    @DisplayName("PER-07 SEC-02: over HTTP an unconfirmed hand-over is withdrawn by the one who handed it over (204) and handed over again with the counts found; the receiver 403, another maker 404, nothing left to withdraw 409")
    void handoverWithdrawn() {
        String batch = scenarios.produced();
        String path = "/batches/" + batch + "/handovers";
        assertThat(post("floora1", path, Map.of("step", "PERSONALISATION", "receivedBy", "floora2", "countIn", 3,
                "good", 3, "damaged", 0, "rework", 0)).getStatusCode().value()).isEqualTo(200);
        String withdraw = "/batches/" + batch + "/handover-withdrawals";
        assertThat(post("floora2", withdraw, Map.of()).getStatusCode().value()).isEqualTo(403);
        assertThat(post("floorb1", withdraw, Map.of()).getStatusCode().value()).isEqualTo(404);
        assertThat(post("floora1", withdraw, Map.of()).getStatusCode().value()).isEqualTo(204);
        assertThat(post("floora1", withdraw, Map.of()).getStatusCode().value()).isEqualTo(409);
        Map<String, Object> found = Map.of("step", "PERSONALISATION", "receivedBy", "floora2", "countIn", 3,
                "good", 2, "damaged", 1, "rework", 0);
        assertThat(post("floora1", path, found).getStatusCode().value()).isEqualTo(200);
        assertThat(post("floora2", path, found).getStatusCode().value()).isEqualTo(200);
    }
}
