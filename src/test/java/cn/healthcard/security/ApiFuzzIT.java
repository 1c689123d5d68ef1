package cn.healthcard.security;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, oversized and wrong-type input to every operation of the OpenAPI document, sent by a caller whose role
 * passes the operation's role check (from the authorization matrix): broken JSON, the wrong JSON type for the body,
 * every property of the body's schema with the wrong type or 100,000 characters long, and query parameters that are
 * not numbers, dates or codes, or are far too long. Not one answer may be a 5xx, and nothing may change: the rows of
 * the tables that requests write are counted before and after.
 */
@IntegrationTest
class ApiFuzzIT {

    private static final List<String> TABLES = List.of("resident", "card_application", "card_request",
            "blacklist_entry", "ehc_account", "ehc_terminal", "ehc_app", "ehc_sdk", "key_ceremony");
    private static final String LONG = "测".repeat(100_000);

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;

    @Test
    @DisplayName("SEC-01 INT-06 APP-03 malformed, oversized and wrong-type input to every operation: never a 5xx, nothing changes")
    void fuzz() throws Exception {
        var rules = ApiAuthorizationMatrixIT.rules();
        JsonNode api = json.readTree(rest.withBasicAuth("admin", "demo1234")
                .getForEntity("/v3/api-docs", String.class).getBody());
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> p = api.get("paths").fields(); p.hasNext(); ) {
            var path = p.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next().toUpperCase();
                var rule = rules.get(method + " " + path.getKey());
                if (rule == null || rule.skipAllowed()) {
                    continue; // the matrix test names operations missing from the table
                }
                String caller = callerFor(rule);
                if (caller == null) {
                    continue;
                }
                JsonNode operation = path.getValue().get(method.toLowerCase());
                String target = concrete(path.getKey());
                for (String query : queries(operation)) {
                    for (String body : bodies(api, operation)) {
                        int status = send(caller, method, target + query, body);
                        sent++;
                        if (status >= 500) {
                            failures.add(status + " " + caller + " " + method + " " + target + query + " body "
                                    + (body == null ? "-" : body.length() > 120 ? body.substring(0, 120) + "…" : body));
                        }
                    }
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(100);
        assertThat(failures).isEmpty();
        assertThat(counts()).as("rows of the written tables").isEqualTo(before);
    }

    @Test
    @DisplayName("SEC-01 INT-06 a body over the limit is refused with 413 before it is read or authenticated")
    void bodyTooLarge() throws Exception {
        // Only the headers are sent, declaring 5 MiB: the answer must come without a byte of the body (a client that
        // pushes megabytes into a connection the server closes after answering may see a reset instead of the 413).
        // With Expect: 100-continue the server must not invite the body first.
        for (String caller : List.of("platform", "anonymous")) {
            for (boolean expectContinue : List.of(false, true)) {
                String answer = headersOnly(caller, expectContinue);
                String as = caller + (expectContinue ? " with Expect: 100-continue" : "");
                assertThat(answer).as(as).startsWith("HTTP/1.1 413");
                assertThat(answer).as(as).containsIgnoringCase("Content-Type: " + MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .contains("请求内容超过");
            }
        }
    }

    private String headersOnly(String caller, boolean expectContinue) throws Exception {
        URI root = URI.create(rest.getRootUri());
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("POST /api/v1/card-applications HTTP/1.1\r\n")
                    .append("Host: ").append(root.getHost()).append(':').append(root.getPort()).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(5 * 1024 * 1024).append("\r\n");
            if (expectContinue) {
                request.append("Expect: 100-continue\r\n");
            }
            if (!caller.equals("anonymous")) {
                request.append("Authorization: Basic ").append(Base64.getEncoder()
                        .encodeToString((caller + ":demo1234").getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** One HTTP response: its head, then as many body bytes as its Content-Length says (the server may keep waiting). */
    private static String readResponse(java.io.InputStream in) throws java.io.IOException {
        var head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("INT-06 an API path that no operation serves answers 404 problem+json, never the UI's page")
    void unknownPath() {
        for (String path : List.of("/api/v1/ehc/cards/0123456789", "/api/v1/no-such-thing", "/api/v2/cards")) {
            var answer = rest.withBasicAuth("clerk", "demo1234").getForEntity(path, String.class);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(answer.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private static String callerFor(ApiAuthorizationMatrixIT.Rule rule) {
        for (String caller : List.of("admin", "supervisor", "clerk", "auditor", "keyadmin", "platform", "production",
                "warehouse")) {
            String role = switch (caller) {
                case "keyadmin" -> "KEY_ADMIN";
                case "platform" -> "PLATFORM";
                default -> caller.toUpperCase();
            };
            if (rule.roles().contains(role) || rule.roles().contains("AUTHENTICATED")
                    || rule.roles().contains("PUBLIC")) {
                return caller;
            }
        }
        return null;
    }

    private static String concrete(String template) {
        return template.replace("{cardNo}", "110105000000000001").replaceAll("\\{[^}]+}", "x%27%3Cscript%3E");
    }

    /** Query strings: none, every parameter wrong, every parameter far too long. */
    private static List<String> queries(JsonNode operation) {
        List<String> queries = new ArrayList<>(List.of(""));
        JsonNode parameters = operation.get("parameters");
        if (parameters == null) {
            return queries;
        }
        StringBuilder wrong = new StringBuilder();
        StringBuilder huge = new StringBuilder();
        for (JsonNode p : parameters) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.get("name").asText();
            wrong.append(wrong.isEmpty() ? "?" : "&").append(name).append('=').append(
                    p.path("schema").path("type").asText().equals("integer") ? "2147483647" : "%00%3C%3E%27");
            huge.append(huge.isEmpty() ? "?" : "&").append(name).append('=').append("9".repeat(2000));
        }
        if (!wrong.isEmpty()) {
            queries.add(wrong.toString());
            queries.add(wrong.toString().replace("2147483647", "-1"));
            queries.add(huge.toString());
        }
        return queries;
    }

    /** Bodies for an operation with a JSON body: broken, wrong JSON types, each property wrong; none otherwise. */
    private List<String> bodies(JsonNode api, JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        if (!content.has("application/json")) {
            return java.util.Collections.singletonList(null);
        }
        List<String> bodies = new ArrayList<>(List.of("{", "[]", "\"x\"", "123", "null",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        JsonNode schema = resolve(api, content.get("application/json").path("schema"));
        JsonNode properties = schema.path("properties");
        for (Object value : new Object[]{1, List.of(1), Map.of("x", 1), true, LONG, "", "-1", "9999-99-99"}) {
            ObjectNode body = json.createObjectNode();
            properties.fieldNames().forEachRemaining(name -> body.set(name, json.valueToTree(value)));
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static JsonNode resolve(JsonNode api, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private int send(String caller, String method, String target, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.ALL));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        URI uri = URI.create(rest.getRootUri() + target);
        return rest.withBasicAuth(caller, "demo1234")
                .exchange(uri, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), byte[].class)
                .getStatusCode().value();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }
}
