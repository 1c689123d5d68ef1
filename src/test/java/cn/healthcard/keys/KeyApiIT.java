package cn.healthcard.keys;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The key-management API over real HTTP: the key list, a distribution file, problem details and roles. */
@IntegrationTest
class KeyApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

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
