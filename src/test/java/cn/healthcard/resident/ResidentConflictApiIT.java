package cn.healthcard.resident;

import cn.healthcard.card.CardService;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resident-data conflict API over real HTTP: filing, reading, the problems, the OpenAPI contract. */
@IntegrationTest
class ResidentConflictApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;

    private ResponseEntity<String> post(String user, Object body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo1234").exchange("/api/v1/resident-conflicts", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> get(String user, String caseNo) {
        return rest.withBasicAuth(user, "demo1234").getForEntity("/api/v1/resident-conflicts/" + caseNo,
                String.class);
    }

    private static Map<String, Object> body(ResidentData person, String name, String reason) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("documentType", person.documentType());
        b.put("documentNumber", person.documentNumber());
        b.put("name", name);
        b.put("sex", person.sex());
        b.put("ethnicity", person.ethnicity());
        b.put("birthDate", person.birthDate().toString());
        b.put("reason", reason);
        return b;
    }

    @Test
    @DisplayName("ORG-05 APP-04 SEC-02 APP-01 POST /resident-conflicts files the case (201), 400 naming overlong or missing fields, 404 for an unknown document, 409 for a second open case; GET is for the record's region and the filer, 404 for the other region's supervisor; required fields marked in OpenAPI")
    void overTheApi() throws Exception {
        CardApplicationScenarios scenario = new CardApplicationScenarios(applications, inbox, cards, users);
        ResidentData person = TestResidents.newResident("吴国栋");
        String id = scenario.submit("clerk", person).applicationId();
        scenario.review("supervisor", id, Review.Outcome.REJECT, "资料不全");
        scenario.awaitStatus("clerk", id, ApplicationStatus.REJECTED);

        ResponseEntity<String> overlong = post("shclerk", body(person, "名".repeat(51), "户".repeat(501)));
        assertThat(overlong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(overlong.getBody()).contains("\"name\"").contains("\"reason\"");
        Map<String, Object> missing = body(person, "吴国东", "户籍迁移");
        missing.remove("birthDate");
        assertThat(post("shclerk", missing).getBody()).contains("\"birthDate\"");
        ResponseEntity<String> badDate = post("shclerk", Map.of("documentType", "01", "documentNumber",
                person.documentNumber(), "name", "吴国东", "sex", "1", "ethnicity", "01", "birthDate", "1985-13-45",
                "reason", "户籍迁移"));
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDate.getBody()).contains("\"birthDate\"");

        ResidentData stranger = TestResidents.newResident("无档案");
        assertThat(post("shclerk", body(stranger, "无档案", "户籍迁移")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("shsupervisor", body(person, "吴国东", "户籍迁移")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> created = post("shclerk", body(person, "吴国东", "户籍迁移，姓名以户口簿为准"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = json.readTree(created.getBody());
        String caseNo = view.get("caseNo").asText();
        assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/v1/resident-conflicts/" + caseNo);
        assertThat(view.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(created.getBody()).doesNotContain("吴国东").doesNotContain(person.documentNumber());

        ResponseEntity<String> second = post("shclerk", body(person, "吴国东", "再次提交"));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(second.getBody()).get("code").asText())
                .isEqualTo(ResidentConflictService.CASE_OPEN);

        assertThat(get("supervisor", caseNo).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("shclerk", caseNo).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("shsupervisor", caseNo).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("supervisor", "HS11010520260101999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode api = json.readTree(rest.getForEntity("/v3/api-docs", String.class).getBody());
        String ref = api.at("/paths/~1api~1v1~1resident-conflicts/post/requestBody/content/application~1json/schema/$ref")
                .asText();
        assertThat(api.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1) + "/required").toString())
                .contains("documentType", "documentNumber", "name", "sex", "ethnicity", "birthDate", "reason");
    }
}
