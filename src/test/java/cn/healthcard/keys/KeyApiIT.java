package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The key-management API over real HTTP: the key list, a distribution file, the personal-data key update as a
 * ceremony, problem details and roles.
 */
@IntegrationTest
class KeyApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired KeyCeremonyService ceremonies;
    @Autowired TaskInboxService inbox;
    @Autowired TestUsers users;

    private int currentPersonalDataVersion(String user) throws Exception {
        int current = 0;
        for (JsonNode v : json.readTree(rest.withBasicAuth(user, "demo1234")
                .getForEntity("/api/v1/keys/personal-data/versions", String.class).getBody())) {
            if (v.get("state").asText().equals("ACTIVE")) {
                current = Math.max(current, v.get("id").get("version").asInt());
            }
        }
        return current;
    }

    @Test
    @DisplayName("KEY-02 SEC-01 POST /api/v1/keys/personal-data/versions only starts a key ceremony (202, its id and state): one key administrator alone cannot make a new personal-data key version over the API; after a second key administrator co-signs, the version exists and the re-encryption runs")
    void personalDataKeyUpdateNeedsTwoPeople() throws Exception {
        int before = currentPersonalDataVersion("keyadmin");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> started = rest.withBasicAuth("keyadmin", "demo1234").postForEntity(
                "/api/v1/keys/personal-data/versions", new HttpEntity<>("{\"reason\":\"测试：接口更新\"}", headers),
                String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode ceremony = json.readTree(started.getBody());
        String id = ceremony.get("id").asText();
        assertThat(ceremony.get("status").asText()).isEqualTo("AWAITING_COSIGN");
        assertThat(ceremony.get("operation").asText()).isEqualTo("UPDATE_PD_KEY");
        assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/key-ceremonies/" + id);
        assertThat(currentPersonalDataVersion("keyadmin")).as("no new version before the co-signature")
                .isEqualTo(before);

        ResponseEntity<String> run = rest.withBasicAuth("keyadmin", "demo1234").postForEntity(
                "/api/v1/keys/personal-data/re-encryptions", null, String.class);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(json.readTree(run.getBody()).get("targetVersion").asInt()).as("a run only uses the current version")
                .isEqualTo(before);
        assertThat(rest.withBasicAuth("keyadmin", "demo1234").postForEntity("/api/v1/keys/personal-data/versions",
                new HttpEntity<>("{\"reason\":\"测试：重复\"}", headers), String.class).getStatusCode())
                .as("one open update at a time").isEqualTo(HttpStatus.CONFLICT);
        assertThat(currentPersonalDataVersion("keyadmin")).isEqualTo(before);

        TaskRef task = users.as("keyadmin2", () -> inbox.find(TaskFilter.all(), 0, 500)).stream()
                .filter(t -> id.equals(t.businessKey())).findFirst().orElseThrow();
        assertThatThrownBy(() -> users.as("keyadmin", () -> ceremonies.coSign(task.taskId(),
                KeyCeremonyService.coSignature("APPROVE", null))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(currentPersonalDataVersion("keyadmin")).isEqualTo(before);
        users.as("keyadmin2", () -> ceremonies.coSign(task.taskId(),
                KeyCeremonyService.coSignature("APPROVE", null)));

        JsonNode done = json.readTree(rest.withBasicAuth("keyadmin2", "demo1234")
                .getForEntity("/api/v1/key-ceremonies/" + id, String.class).getBody());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("keyVersion").asInt()).isEqualTo(before + 1);
        assertThat(currentPersonalDataVersion("keyadmin")).isEqualTo(before + 1);
        assertThat(rest.withBasicAuth("clerk", "demo1234").postForEntity("/api/v1/keys/personal-data/versions",
                new HttpEntity<>("{\"reason\":\"不允许\"}", headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("KEY-02 KEY-03 SEC-01 GET /api/v1/keys lists labels, levels, regions, versions, states and check values only; POST …/distributions answers an HCKD1 file; clerks get 403, anonymous callers 401")
    void keysAndDistribution() throws Exception {
        ResponseEntity<String> list = rest.withBasicAuth("keyadmin", "demo1234").getForEntity("/api/v1/keys",
                String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode keys = json.readTree(list.getBody());
        JsonNode root = null;
        for (JsonNode k : keys) {
            if (k.get("label").asText().equals("hc.app-data-read.root")) {
                root = k;
            }
            assertThat(k.get("checkValue").asText()).matches("[0-9A-F]{8}");
        }
        assertThat(root).isNotNull();
        assertThat(root.get("level").asText()).isEqualTo("NATIONAL");
        assertThat(root.get("regionCode").asText()).isEqualTo("000000");
        assertThat(root.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(list.getBody()).doesNotContainPattern("[0-9A-Fa-f]{32}");

        ResponseEntity<String> file = rest.withBasicAuth("keyadmin", "demo1234").postForEntity(
                "/api/v1/keys/hc.app-data-read.310000/versions/1/distributions?receiver=SH-310000", null, String.class);
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(file.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("hc.app-data-read.310000-v1-SH-310000.hckd.json");
        JsonNode distribution = json.readTree(file.getBody());
        assertThat(distribution.get("format").asText()).isEqualTo("HCKD1");
        assertThat(distribution.get("wrappedKey").asText()).startsWith("HCWK1:hc.app-data-read.310000:1:SM4:DERIVATION:");

        ResponseEntity<String> root400 = rest.withBasicAuth("keyadmin", "demo1234").postForEntity(
                "/api/v1/keys/hc.app-data-read.root/versions/1/distributions?receiver=BJ-110000", null, String.class);
        assertThat(root400.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(root400.getBody()).contains("一级根密钥不分发");
        assertThat(rest.withBasicAuth("auditor", "demo1234").postForEntity(
                "/api/v1/keys/hc.app-data-read.110000/versions/1/distributions?receiver=BJ-110000", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/keys", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/v1/keys", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
