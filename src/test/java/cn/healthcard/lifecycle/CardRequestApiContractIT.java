package cn.healthcard.lifecycle;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed contract of the lifecycle API: every request body is a schema with its required fields and enums in the
 * OpenAPI document, and a body or query parameter of the wrong form answers 400 naming it before anything is done.
 */
@IntegrationTest
class CardRequestApiContractIT {

    private static final String CARD = "/api/v1/cards/110105000000000001";
    private static final String APPLICANT = "\"applicantPhone\":\"13912345678\",\"identityDocumentType\":\"01\","
            + "\"identityDocumentNumber\":\"110105198506010011\"";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;

    @Test
    @DisplayName("INT-01 INT-06 every lifecycle request body is documented as a schema with its required fields and "
            + "enums marked")
    void documented() throws Exception {
        JsonNode api = json.readTree(rest.getForEntity("/v3/api-docs", String.class).getBody());
        Map<String, List<String>> required = Map.of(
                "/loss-reports", List.of("lossReason"),
                "/unloss-requests", List.of("unlossReason", "cardPresented"),
                "/unlock-requests", List.of("lockReason", "lockDate", "cardPresented"),
                "/replacement-requests", List.of("replacementReason", "feeAmount"),
                "/cancellation-requests", List.of("cancellationReason"));
        required.forEach((path, own) -> {
            JsonNode schema = schema(api, api.at("/paths/~1api~1v1~1cards~1{cardNo}" + path.replace("/", "~1")
                    + "/post/requestBody/content/application~1json/schema"));
            List<String> fields = json.convertValue(schema.get("required"), List.class);
            assertThat(fields).as(path).contains("applicantPhone", "identityDocumentType", "identityDocumentNumber")
                    .containsAll(own);
        });
        JsonNode replacement = schema(api, api.at("/paths/~1api~1v1~1cards~1{cardNo}~1replacement-requests/post"
                + "/requestBody/content/application~1json/schema"));
        assertThat(json.convertValue(replacement.at("/properties/replacementReason/enum"), List.class))
                .containsExactlyInAnyOrder("LOST", "DAMAGED", "INFO_CHANGE", "OTHER");
        JsonNode pinLock = schema(api, api.at("/paths/~1api~1v1~1cards~1{cardNo}~1pin-locks/post/requestBody/content"
                + "/application~1json/schema"));
        assertThat(json.convertValue(pinLock.get("required"), List.class)).containsExactly("terminalId");
        JsonNode cards = api.at("/paths/~1api~1v1~1cards/get/parameters");
        assertThat(cards.findValuesAsText("name")).containsExactlyInAnyOrder("region", "institution", "status",
                "from", "to", "dateField", "sort", "page", "size");
    }

    @Test
    @DisplayName("INT-01 SEC-01 LC-04 a body of the wrong form answers 400 naming the field, and nothing is written")
    void wrongBodies() throws Exception {
        long before = jdbc.queryForObject("select count(*) from card_request", Long.class);
        assertBad(CARD + "/replacement-requests", "{" + APPLICANT + ",\"replacementReason\":\"INFO_CHANGE\","
                + "\"feeAmount\":20,\"changes\":[1]}", "changes");
        assertBad(CARD + "/replacement-requests", "{" + APPLICANT + ",\"replacementReason\":\"DAMAGED\","
                + "\"oldCardReturned\":true,\"feeAmount\":\"twenty\"}", "feeAmount");
        assertBad(CARD + "/replacement-requests", "{" + APPLICANT + ",\"replacementReason\":\"DAMAGED\","
                + "\"oldCardReturned\":true,\"feeAmount\":1000.5}", "feeAmount");
        assertBad(CARD + "/replacement-requests", "{" + APPLICANT + ",\"replacementReason\":\"STOLEN\","
                + "\"oldCardReturned\":true,\"feeAmount\":20}", "replacementReason");
        assertBad(CARD + "/replacement-requests", "{" + APPLICANT + ",\"replacementReason\":\"INFO_CHANGE\","
                + "\"oldCardReturned\":true,\"feeAmount\":20,\"changes\":[{\"item\":\"documentNumber\","
                + "\"newValue\":\"x\"}]}", "changes[0].item");
        assertBad(CARD + "/unloss-requests", "{" + APPLICANT + ",\"unlossReason\":\"找到了\","
                + "\"cardPresented\":{\"x\":1}}", "cardPresented");
        assertBad(CARD + "/unloss-requests", "{" + APPLICANT + ",\"unlossReason\":\"找到了\"}", "cardPresented");
        assertBad(CARD + "/loss-reports", "{" + APPLICANT + ",\"lossReason\":\"" + "丢".repeat(201) + "\"}",
                "lossReason");
        assertBad(CARD + "/loss-reports", "{" + APPLICANT + ",\"lossReason\":\"丢了\",\"lossDate\":\"yesterday\"}",
                "lossDate");
        assertBad(CARD + "/loss-reports", "{\"applicantPhone\":\"12345\",\"identityDocumentType\":\"01\","
                + "\"identityDocumentNumber\":\"110105198506010011\",\"lossReason\":\"丢了\"}", "applicantPhone");
        assertBad(CARD + "/cancellation-requests", "{" + APPLICANT + ",\"cancellationReason\":[\"x\"]}",
                "cancellationReason");
        assertBad(CARD + "/pin-locks", "{}", "terminalId");
        assertThat(jdbc.queryForObject("select count(*) from card_request", Long.class)).isEqualTo(before);
    }

    @Test
    @DisplayName("LC-07 INT-06 query parameters of the wrong form answer 400 naming the parameter")
    void wrongQueries() throws Exception {
        assertBadGet("supervisor", "/api/v1/statistics/card-requests?from=yesterday&to=2026-12-31", "from");
        assertBadGet("supervisor", "/api/v1/statistics/card-requests?from=2026-01-01", "to");
        assertBadGet("auditor", "/api/v1/cards?page=first", "page");
        assertBadGet("auditor", "/api/v1/cards?size=" + "9".repeat(30), "size");
        assertBadGet("auditor", "/api/v1/cards?status=ACTIVE,ACTIVEREADY", "status");
        assertBadGet("auditor", "/api/v1/cards?to=2026-02-30", "to");
    }

    private JsonNode schema(JsonNode api, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : api.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
    }

    private void assertBad(String path, String body, String field) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = rest.withBasicAuth("platform", "demo1234")
                .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        assertProblem(answer, path + " " + body, field);
    }

    private void assertBadGet(String user, String path, String field) throws Exception {
        assertProblem(rest.withBasicAuth(user, "demo1234").getForEntity(path, String.class), path, field);
    }

    private void assertProblem(ResponseEntity<String> answer, String what, String field) throws Exception {
        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode errors = json.readTree(answer.getBody()).get("errors");
        assertThat(errors.findValuesAsText("field")).as(what).containsExactly(field);
        assertThat(errors.findValuesAsText("message")).as(what).allSatisfy(m -> assertThat(m).isNotBlank());
    }
}
