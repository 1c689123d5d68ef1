package cn.healthcard.processadmin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
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

/**
 * The process administration API over HTTP (BPM-05, SEC-03): ADMIN only, each problem on its element (422, nothing
 * saved), overlong values refused at the edge, the submitter cannot approve, the building blocks for the modeler.
 */
@IntegrationTest
class ProcessAdminApiIT {

    static final String BASE = "/api/v1/process-admin";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.ALL));
        return rest.withBasicAuth(user, "demo1234").exchange(BASE + path, method,
                new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

    private String latestCardApplication() throws Exception {
        JsonNode processes = json.readTree(call("admin", HttpMethod.GET, "/processes", null).getBody());
        for (JsonNode p : processes) {
            if (p.get("key").asText().equals("card-application")) {
                return p.get("versions").get(0).get("definitionId").asText();
            }
        }
        throw new AssertionError("card-application not listed");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 only admins: a supervisor, an auditor and anonymous callers are refused")
    void adminsOnly() throws Exception {
        for (String user : new String[] {"supervisor", "auditor", "clerk"}) {
            assertThat(call(user, HttpMethod.GET, "/processes", null).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(call(user, HttpMethod.POST, "/checks", Map.of("xml", "<x/>")).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.getForEntity(BASE + "/processes", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @DisplayName("BPM-05 a check names each problem's element and rule in Chinese; a failing change is 422, nothing "
            + "saved; export answers the XML")
    void checksAndExport() throws Exception {
        String id = latestCardApplication();
        ResponseEntity<String> xml = call("admin", HttpMethod.GET, "/definitions/" + id + "/xml", null);
        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xml.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
        assertThat(xml.getHeaders().getContentDisposition().getFilename()).endsWith(".bpmn");
        String bad = xml.getBody().replace("camunda:candidateGroups=\"SUPERVISOR\"",
                "camunda:candidateGroups=\"HACKERS\"");

        JsonNode check = json.readTree(call("admin", HttpMethod.POST, "/checks", Map.of("xml", bad)).getBody());
        assertThat(check.get("problems")).anySatisfy(p -> {
            assertThat(p.get("elementId").asText()).isEqualTo("reviewApplication");
            assertThat(p.get("rule").asText()).isEqualTo("GROUP_UNKNOWN");
            assertThat(p.get("message").asText()).contains("候选组");
        });
        assertThat(json.readTree(call("admin", HttpMethod.POST, "/checks", Map.of("xml", xml.getBody())).getBody())
                .get("problems")).isEmpty();

        ResponseEntity<String> refused = call("admin", HttpMethod.POST, "/changes", Map.of("processKey",
                "card-application", "baseDefinitionId", id, "xml", bad, "note", "坏"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(refused.getBody()).get("problems").get(0).get("elementId").asText())
                .isEqualTo("reviewApplication");
        assertThat(latestCardApplication()).isEqualTo(id);

        assertThat(call("admin", HttpMethod.GET, "/definitions/no-such:1:1/xml", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call("admin", HttpMethod.GET, "/changes/00000000-0000-0000-0000-000000000000", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @DisplayName("BPM-05 SEC-03 overlong and missing values are refused at the edge by field (xml over 2 MiB, note "
            + "over 500, a bad process key); a change to another process key is refused")
    void limits() throws Exception {
        String id = latestCardApplication();
        String big = "<x>" + "a".repeat(ProcessChangeService.MAX_XML_BYTES) + "</x>";
        ResponseEntity<String> tooBig = call("admin", HttpMethod.POST, "/checks", Map.of("xml", big));
        assertThat(tooBig.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE);
        ResponseEntity<String> longNote = call("admin", HttpMethod.POST, "/changes", Map.of("processKey",
                "card-application", "baseDefinitionId", id, "xml", "<x/>", "note", "长".repeat(501)));
        assertThat(longNote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longNote.getBody()).contains("note");
        ResponseEntity<String> badKey = call("admin", HttpMethod.POST, "/changes", Map.of("processKey",
                "../etc", "baseDefinitionId", id, "xml", "<x/>", "note", "n"));
        assertThat(badKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badKey.getBody()).contains("processKey");
        String xml = call("admin", HttpMethod.GET, "/definitions/" + id + "/xml", null).getBody();
        ResponseEntity<String> otherKey = call("admin", HttpMethod.POST, "/changes", Map.of("processKey",
                "card-application", "baseDefinitionId", id,
                "xml", xml.replace("id=\"card-application\"", "id=\"card-application-x\""), "note", "换标识"));
        assertThat(otherKey.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherKey.getBody()).contains("PROCESS_KEY");
    }

    @Test
    @DisplayName("BPM-05 SEC-03 the submitter's own approval over the API is 403; a second admin's is deployed; "
            + "replaying the approval is 409")
    void reviewOverHttp() throws Exception {
        String id = latestCardApplication();
        String xml = call("admin", HttpMethod.GET, "/definitions/" + id + "/xml", null).getBody();
        ResponseEntity<String> created = call("admin", HttpMethod.POST, "/changes", Map.of("processKey",
                "card-application", "baseDefinitionId", id,
                "xml", xml.replace("name=\"申领审核\"", "name=\"申领审核（API）\""), "note", "API 改名"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String changeId = json.readTree(created.getBody()).get("changeId").asText();
        assertThat(json.readTree(created.getBody()).get("caseNumber").asText()).startsWith("BG");
        Map<String, String> approve = Map.of("decision", "APPROVE");
        assertThat(call("admin", HttpMethod.POST, "/changes/" + changeId + "/review", approve).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> approved = call("admin2", HttpMethod.POST, "/changes/" + changeId + "/review",
                approve);
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(approved.getBody()).get("status").asText()).isEqualTo("DEPLOYED");
        assertThat(call("admin2", HttpMethod.POST, "/changes/" + changeId + "/review", approve).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        JsonNode view = json.readTree(call("admin", HttpMethod.GET, "/changes/" + changeId, null).getBody());
        assertThat(view.get("diff")).anySatisfy(e -> assertThat(e.get("elementId").asText())
                .isEqualTo("reviewApplication"));
        // put the shipped content back as the latest for the other tests
        ResponseEntity<String> rollback = call("admin", HttpMethod.POST, "/rollbacks",
                Map.of("definitionId", id, "note", "恢复"));
        assertThat(rollback.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(call("admin2", HttpMethod.POST, "/changes/" + json.readTree(rollback.getBody()).get("changeId")
                .asText() + "/review", approve).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @DisplayName("BPM-05 the building blocks list delegates with Chinese labels (黑名单校验), forms and roles")
    void buildingBlocks() throws Exception {
        JsonNode blocks = json.readTree(call("admin", HttpMethod.GET, "/building-blocks", null).getBody());
        assertThat(blocks.get("delegates")).anySatisfy(d -> {
            assertThat(d.get("beanName").asText()).isEqualTo("checkApplicationDelegate");
            assertThat(d.get("labelZh").asText()).contains("黑名单校验");
        });
        assertThat(blocks.get("delegates")).allSatisfy(d -> assertThat(d.get("labelZh").asText())
                .isNotEqualTo(d.get("beanName").asText()));
        assertThat(blocks.get("forms")).anySatisfy(f -> assertThat(f.get("key").asText())
                .isEqualTo("process-change-review"));
        assertThat(blocks.get("groups")).anySatisfy(g -> {
            assertThat(g.get("groupId").asText()).isEqualTo("SUPERVISOR");
            assertThat(g.get("labelZh").asText()).isEqualTo("审核员");
        });
        assertThat(blocks.get("groups")).noneSatisfy(g -> assertThat(g.get("groupId").asText()).isEqualTo("APP"));
    }
}
