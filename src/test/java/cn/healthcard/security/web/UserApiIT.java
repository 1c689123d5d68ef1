package cn.healthcard.security.web;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/users} and {@code /api/v1/me/password} over HTTP (SEC-01, ORG-05, decision 024): the admin's
 * operations, the first sign-in of a created user (403 PASSWORD_CHANGE_REQUIRED until the change), the policy's
 * field-named 400s, another region's admin (404 everywhere), a clerk (403), stale versions (409), replays and overlong
 * values.
 */
@IntegrationTest
class UserApiIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String DEMO = "demo1234";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired cn.healthcard.security.UserAdministration administration;

    @Test
    @DisplayName("SEC-01 a created user gets 403 PASSWORD_CHANGE_REQUIRED on every API path until the own password is changed; weak, reused and wrong-old passwords are 400s naming the field; then the API answers")
    void firstSignIn() throws Exception {
        String u = name("api");
        ResponseEntity<String> created = call("admin", DEMO, HttpMethod.POST, "/api/v1/users",
                Map.of("username", u, "displayName", "接口测试", "institutionCode", "BJ-110105",
                        "roles", List.of("CLERK")));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
        JsonNode body = json.readTree(created.getBody());
        String temporary = body.get("temporaryPassword").asText();
        assertThat(body.get("user").get("mustChangePassword").asBoolean()).isTrue();
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/users/" + u);

        ResponseEntity<String> blocked = call(u, temporary, HttpMethod.GET, "/api/v1/blacklist", null);
        assertThat(blocked.getStatusCode().value()).isEqualTo(403);
        assertThat(json.readTree(blocked.getBody()).get("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        assertThat(errors(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", temporary, "newPassword", "short1")))).containsKey("newPassword");
        assertThat(errors(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", temporary, "newPassword", "X" + u + "-2026ab")))).containsEntry("newPassword",
                "「新密码」不能包含用户名");
        assertThat(errors(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", "wrong", "newPassword", "Kx7#mQ2pLz9w")))).containsKey("oldPassword");
        assertThat(errors(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", temporary, "newPassword", temporary)))).containsEntry("newPassword",
                "「新密码」不能与最近5次使用过的密码相同");
        assertThat(errors(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", "测".repeat(100_000), "newPassword", "x")))).containsKey("oldPassword");

        String chosen = "Kx7#mQ2pLz9w";
        assertThat(call(u, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", temporary, "newPassword", chosen)).getStatusCode().value()).isEqualTo(204);
        assertThat(call(u, temporary, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(call(u, chosen, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value())
                .isEqualTo(200);
        // the history: the temporary password is one of the last five
        assertThat(errors(call(u, chosen, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", chosen, "newPassword", temporary)))).containsKey("newPassword");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'UserPasswordChanged'"
                + " AND subject_id = ? AND actor = ?", Integer.class, u, u)).isEqualTo(1);

        // an admin's reset: forced change again
        ResponseEntity<String> reset = call("admin", DEMO, HttpMethod.POST, "/api/v1/users/" + u + "/password-reset",
                null);
        assertThat(reset.getHeaders().getCacheControl()).contains("no-store");
        String again = json.readTree(reset.getBody()).get("temporaryPassword").asText();
        assertThat(json.readTree(call(u, again, HttpMethod.GET, "/api/v1/blacklist", null).getBody())
                .get("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    @DisplayName("SEC-01 a password older than 90 days must be changed (403 PASSWORD_CHANGE_REQUIRED); a disabled user cannot sign in (401), a re-enabled one can")
    void expiryAndDisabled() throws Exception {
        String u = name("exp");
        String password = signedUp(u, "BJ-110105", "CLERK");
        assertThat(call(u, password, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value()).isEqualTo(200);
        jdbc.update("UPDATE app_user SET password_changed_at = ? WHERE username = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(91))), u);
        ResponseEntity<String> expired = call(u, password, HttpMethod.GET, "/api/v1/blacklist", null);
        assertThat(expired.getStatusCode().value()).isEqualTo(403);
        assertThat(json.readTree(expired.getBody()).get("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        String renewed = "Rn8#" + Long.toString(System.nanoTime(), 36);
        assertThat(call(u, password, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", password, "newPassword", renewed)).getStatusCode().value()).isEqualTo(204);
        assertThat(call(u, renewed, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value()).isEqualTo(200);

        assertThat(call("admin", DEMO, HttpMethod.POST, "/api/v1/users/" + u + "/disable", null).getStatusCode()
                .value()).isEqualTo(200);
        assertThat(call(u, renewed, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value()).isEqualTo(401);
        assertThat(json.readTree(call("admin", DEMO, HttpMethod.GET, "/api/v1/users?status=DISABLED&name=" + u, null)
                .getBody()).findValuesAsText("username")).containsExactly(u);
        assertThat(call("admin", DEMO, HttpMethod.POST, "/api/v1/users/" + u + "/enable", null).getStatusCode()
                .value()).isEqualTo(200);
        assertThat(call(u, renewed, HttpMethod.GET, "/api/v1/blacklist", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-01 demo users keep signing in with demo1234 and are never asked to change it")
    void demoUsersExempt() {
        for (String demo : List.of("clerk", "supervisor", "auditor", "admin", "keyadmin")) {
            ResponseEntity<String> answer = call(demo, DEMO, HttpMethod.GET, "/api/v1/blacklist", null);
            assertThat(answer.getStatusCode().value()).as(demo).isNotEqualTo(401);
            assertThat(String.valueOf(answer.getBody())).as(demo).doesNotContain("PASSWORD_CHANGE_REQUIRED");
        }
    }

    @Test
    @DisplayName("ORG-05 SEC-01 attacks: another region's admin gets 404 for every operation on a user outside her region, a clerk 403, a stale version 409, a replayed approval 409, overlong and unknown values 400 naming the field")
    void attacks() throws Exception {
        String bj = name("bjadm");
        // a further admin as set-up makes one: one admin alone cannot create an ADMIN (two-person rule)
        String bjPassword = "Bj7#" + Long.toString(System.nanoTime(), 36) + "zZ";
        administration.createIfAbsent(bj, bjPassword, "测试" + bj, "BJ-110000",
                java.util.Set.of(cn.healthcard.security.Role.ADMIN), false, false);
        ResponseEntity<String> sock = call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of("username",
                name("sock"), "displayName", "马甲", "institutionCode", "BJ-110000", "roles", List.of("ADMIN")));
        assertThat(sock.getStatusCode().value()).as(sock.getBody()).isEqualTo(202);
        assertThat(json.readTree(sock.getBody()).path("temporaryPassword").isMissingNode()
                || json.readTree(sock.getBody()).path("temporaryPassword").isNull()).isTrue();

        for (String other : List.of("shclerk", "admin")) {
            assertThat(call(bj, bjPassword, HttpMethod.GET, "/api/v1/users/" + other, null).getStatusCode().value())
                    .isEqualTo(404);
            assertThat(call(bj, bjPassword, HttpMethod.PUT, "/api/v1/users/" + other, Map.of("version", 0,
                    "displayName", "改", "institutionCode", "BJ-110105", "roles", List.of("CLERK")))
                    .getStatusCode().value()).isEqualTo(404);
            for (String op : List.of("disable", "enable", "password-reset")) {
                assertThat(call(bj, bjPassword, HttpMethod.POST, "/api/v1/users/" + other + "/" + op, null)
                        .getStatusCode().value()).as(op).isEqualTo(404);
            }
        }
        JsonNode list = json.readTree(call(bj, bjPassword, HttpMethod.GET, "/api/v1/users", null).getBody());
        assertThat(list.findValuesAsText("username")).contains("clerk").doesNotContain("shclerk", "admin");
        assertThat(errors(call(bj, bjPassword, HttpMethod.POST, "/api/v1/users", Map.of("username", name("sh"),
                "displayName", "外地", "institutionCode", "SH-310104", "roles", List.of("CLERK")))))
                .containsKey("institutionCode");

        assertThat(call("clerk", DEMO, HttpMethod.GET, "/api/v1/users", null).getStatusCode().value()).isEqualTo(403);
        assertThat(call("clerk", DEMO, HttpMethod.POST, "/api/v1/users/clerk2/disable", null).getStatusCode().value())
                .isEqualTo(403);

        assertThat(errors(call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of("username", "x".repeat(65),
                "displayName", "测".repeat(101), "institutionCode", "BJ-110105", "roles", List.of("SYSTEM")))))
                .containsOnlyKeys("username", "displayName", "roles");
        assertThat(errors(call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of("username", name("r"),
                "displayName", "角色", "institutionCode", "BJ-110105", "roles", List.of("ROOT")))))
                .containsOnlyKeys("roles");
        assertThat(errors(call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of("username", name("r"),
                "displayName", "应用", "institutionCode", "BJ-110105", "roles", List.of("APP")))))
                .containsOnlyKeys("roles");
        assertThat(errors(call("admin", DEMO, HttpMethod.GET, "/api/v1/users?status=GONE", null)))
                .containsOnlyKeys("status");

        // stale version: two admins read version v, both change
        String u = name("ver");
        signedUp(u, "BJ-110105", "CLERK");
        long version = json.readTree(call("admin", DEMO, HttpMethod.GET, "/api/v1/users/" + u, null).getBody())
                .get("version").asLong();
        var change = Map.of("version", version, "displayName", "第一次", "institutionCode", "BJ-110105",
                "roles", List.of("CLERK"));
        assertThat(call("admin", DEMO, HttpMethod.PUT, "/api/v1/users/" + u, change).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<String> stale = call(bj, bjPassword, HttpMethod.PUT, "/api/v1/users/" + u,
                Map.of("version", version, "displayName", "第二次", "institutionCode", "BJ-110105",
                        "roles", List.of("CLERK", "WAREHOUSE")));
        assertThat(stale.getStatusCode().value()).isEqualTo(409);
        assertThat(json.readTree(stale.getBody()).get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(errors(call("admin", DEMO, HttpMethod.PUT, "/api/v1/users/" + u, Map.of("displayName", "无版本"))))
                .containsOnlyKeys("version");

        // two-person rule over HTTP: 202, the requester's own approval 409, the second admin's 200, a replay 409
        String auditor = name("aud");
        ResponseEntity<String> requested = call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of(
                "username", auditor, "displayName", "新审计", "institutionCode", "BJ-110000",
                "roles", List.of("AUDITOR")));
        assertThat(requested.getStatusCode().value()).isEqualTo(202);
        String id = json.readTree(requested.getBody()).get("pending").get("id").asText();
        assertThat(call("admin", DEMO, HttpMethod.GET, "/api/v1/users/" + auditor, null).getStatusCode().value())
                .isEqualTo(404);
        ResponseEntity<String> own = call("admin", DEMO, HttpMethod.POST,
                "/api/v1/users/pending-changes/" + id + "/approve", null);
        assertThat(own.getStatusCode().value()).isEqualTo(409);
        assertThat(json.readTree(own.getBody()).get("code").asText()).isEqualTo("TWO_PERSON_RULE");
        assertThat(json.readTree(call(bj, bjPassword, HttpMethod.GET, "/api/v1/users/pending-changes", null)
                .getBody()).findValuesAsText("id")).contains(id);
        ResponseEntity<String> approved = call(bj, bjPassword, HttpMethod.POST,
                "/api/v1/users/pending-changes/" + id + "/approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(approved.getBody()).get("temporaryPassword").asText()).isNotBlank();
        assertThat(call(bj, bjPassword, HttpMethod.POST, "/api/v1/users/pending-changes/" + id + "/approve", null)
                .getStatusCode().value()).isEqualTo(409);
        assertThat(errors(call(bj, bjPassword, HttpMethod.POST, "/api/v1/users/pending-changes/" + id + "/reject",
                Map.of("reason", "测".repeat(501))))).isEmpty(); // decided: 409 before the reason is looked at
        assertThat(call(bj, bjPassword, HttpMethod.POST, "/api/v1/users/pending-changes/" + "f".repeat(200)
                + "/approve", null).getStatusCode().value()).isEqualTo(404);
    }

    /** A user created by the national admin who has changed the temporary password; returns the password. */
    private String signedUp(String username, String institution, String role) throws Exception {
        ResponseEntity<String> created = call("admin", DEMO, HttpMethod.POST, "/api/v1/users", Map.of(
                "username", username, "displayName", "测试" + username, "institutionCode", institution,
                "roles", List.of(role)));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String temporary = json.readTree(created.getBody()).get("temporaryPassword").asText();
        String chosen = "Qw3#" + Long.toString(System.nanoTime(), 36) + "zZ";
        assertThat(call(username, temporary, HttpMethod.POST, "/api/v1/me/password",
                Map.of("oldPassword", temporary, "newPassword", chosen)).getStatusCode().value()).isEqualTo(204);
        return chosen;
    }

    private ResponseEntity<String> call(String user, String password, HttpMethod method, String path, Object body) {
        var headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        String text = null;
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            try {
                text = json.writeValueAsString(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.withBasicAuth(user, password).exchange(path, method, new HttpEntity<>(text, headers),
                String.class);
    }

    /** Field → message of a 400 problem; empty for any other answer. */
    private Map<String, String> errors(ResponseEntity<String> response) throws Exception {
        if (response.getStatusCode().value() != 400) {
            return Map.of();
        }
        var map = new java.util.LinkedHashMap<String, String>();
        for (JsonNode e : json.readTree(response.getBody()).path("errors")) {
            map.merge(e.get("field").asText(), e.get("message").asText(), (a, b) -> a + "；" + b);
        }
        return map;
    }

    private static String name(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000) + SEQ.incrementAndGet();
    }
}
