package cn.healthcard.security;

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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document, called as every kind of caller: anonymous, each role's demo user, a user
 * of another province and the machine client. The expected table ({@code security/api-authorization-matrix.csv})
 * says which roles may pass the role check of each operation. A caller outside that list must not get a 2xx; nobody
 * may get a 5xx; on operations marked {@code regional}, the other province's user must not get a 2xx for the Beijing
 * demo card. An operation missing from the table fails the test, so a new endpoint is placed in the table on purpose.
 * The observed statuses are written to {@code target/api-authorization-observed.csv}.
 */
@IntegrationTest
class ApiAuthorizationMatrixIT {

    /** Caller → the role it stands for in the table ("anonymous" has none). */
    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("anonymous", "ANONYMOUS");
        CALLERS.put("clerk", "CLERK");
        CALLERS.put("supervisor", "SUPERVISOR");
        CALLERS.put("auditor", "AUDITOR");
        CALLERS.put("production", "PRODUCTION");
        CALLERS.put("warehouse", "WAREHOUSE");
        CALLERS.put("admin", "ADMIN");
        CALLERS.put("keyadmin", "KEY_ADMIN");
        CALLERS.put("platform", "PLATFORM");
        CALLERS.put("shclerk", "CLERK");
        CALLERS.put("shsupervisor", "SUPERVISOR");
    }

    /** Values for path variables: the Beijing demo card; made-up ids for the rest (a 404 passes the role check). */
    private static final Map<String, String> PATH_VALUES = Map.ofEntries(
            Map.entry("cardNo", "110105000000000001"),
            Map.entry("id", "00000000-0000-0000-0000-000000000000"),
            Map.entry("ehcId", "0000000000000000000000000000000000000000000000000000000000000000"),
            Map.entry("appId", "hc0000000000000000"),
            Map.entry("sdkId", "sdk-none"),
            Map.entry("terminalId", "NO-SUCH-TERMINAL"),
            Map.entry("label", "hc.app-data-read.root"),
            Map.entry("version", "1"),
            Map.entry("username", "nobody"),
            Map.entry("clientId", "no-such-client"),
            Map.entry("caseNo", "HS11010520260101000001"),
            Map.entry("code", "BJ-110000"), // institution register: the Beijing centre (decision 023)
            Map.entry("shipmentNo", "YD11000020260101000001"), // logistics: no such shipment (decision 029)
            Map.entry("planNo", "JH202601010000"), // production (decision 027): no such plan
            Map.entry("batchNo", "PC2026010100"), // production (027) and floor (028): no such batch
            Map.entry("regionCode", "110105"),
            Map.entry("caseId", "SQ-NO-SUCH-CASE"),
            Map.entry("samNo", "NOSUCHSAM0001"), // SAM cards (issue #14): no such SAM
            Map.entry("definitionId", "no-such-process:1:0"), // process administration (issue #15)
            Map.entry("changeId", "00000000-0000-0000-0000-000000000000"),
            Map.entry("measure", "APPLIED")); // supervision statistics (issue #16)

    record Rule(String method, String path, Set<String> roles, boolean regional, boolean skipAllowed) {
    }

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    @Test
    @DisplayName("SEC-01 SEC-02 ORG-05 INT-06 every API operation × every role, anonymous and another region: no unexpected 2xx, never a 5xx")
    void matrix() throws Exception {
        Map<String, Rule> rules = rules();
        JsonNode paths = json.readTree(rest.withBasicAuth("admin", "demo1234")
                .getForEntity("/v3/api-docs", String.class).getBody()).get("paths");
        List<String> missing = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        StringBuilder observed = new StringBuilder("method,path," + String.join(",", CALLERS.keySet()) + "\n");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            var path = p.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next().toUpperCase();
                String key = method + " " + path.getKey();
                Rule rule = rules.get(key);
                boolean known = rule != null;
                if (!known) { // still called and written to the observed table, to help placing it
                    missing.add(key);
                    rule = new Rule(method, path.getKey(), Set.of(), false, false);
                }
                observed.append(method).append(',').append(path.getKey());
                JsonNode operation = path.getValue().get(method.toLowerCase());
                for (var caller : CALLERS.entrySet()) {
                    boolean allowed = rule.roles().contains(caller.getValue())
                            || rule.roles().contains("AUTHENTICATED") && !caller.getKey().equals("anonymous")
                            || rule.roles().contains("PUBLIC");
                    if (allowed && rule.skipAllowed()) {
                        observed.append(",skipped");
                        continue;
                    }
                    int status = call(caller.getKey(), method, path.getKey(), operation);
                    observed.append(',').append(status);
                    String who = caller.getKey() + " " + key + " → " + status;
                    if (!known) {
                        continue;
                    }
                    if (status >= 500) {
                        failures.add("5xx: " + who);
                    } else if (!allowed && status < 300) {
                        failures.add("unexpected 2xx: " + who);
                    } else if (rule.regional() && caller.getKey().startsWith("sh") && status < 300) {
                        failures.add("another region's record answered 2xx: " + who);
                    }
                }
                observed.append('\n');
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/api-authorization-observed.csv"), observed, StandardCharsets.UTF_8);
        assertThat(missing).as("operations not in security/api-authorization-matrix.csv").isEmpty();
        assertThat(failures).isEmpty();
    }

    private int call(String caller, String method, String template, JsonNode operation) {
        String path = template;
        for (var v : PATH_VALUES.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        assertThat(path).as("a path variable without a value in PATH_VALUES: " + template).doesNotContain("{");
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.ALL));
        String body = null;
        if (operation.has("requestBody")) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            body = "{}";
        }
        TestRestTemplate client = caller.equals("anonymous") ? rest : rest.withBasicAuth(caller, "demo1234");
        return client.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), byte[].class)
                .getStatusCode().value();
    }

    /** The table: {@code METHOD,path,roles separated by spaces[,regional][,skip-allowed]}; # starts a comment. */
    static Map<String, Rule> rules() throws IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (InputStream in = ApiAuthorizationMatrixIT.class.getResourceAsStream("/security/api-authorization-matrix.csv")) {
            assertThat(in).as("security/api-authorization-matrix.csv on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                Set<String> flags = Arrays.stream(f).skip(3).map(String::strip).collect(Collectors.toSet());
                Rule rule = new Rule(f[0].strip(), f[1].strip(),
                        new TreeSet<>(Arrays.asList(f[2].strip().split("\\s+"))), flags.contains("regional"),
                        flags.contains("skip-allowed"));
                rules.put(rule.method() + " " + rule.path(), rule);
            }
        }
        return rules;
    }
}
