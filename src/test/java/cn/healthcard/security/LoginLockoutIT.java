package cn.healthcard.security;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 defect 5 (decision 019): sign-in lockout per account — HTTP Basic and the login page, known and unknown
 * names alike, admin unlock — failed sign-ins audited without the typed text, and per-address throttling of failed
 * sign-ins and gateway refusals (429 + Retry-After). The throttling tests come from loopback addresses of their own
 * (127.0.0.x), so the other tests' 127.0.0.1 is not throttled.
 */
@IntegrationTest
class LoginLockoutIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String PASSWORD = "right-pass-1";
    private static final String PROBE = "/api/v1/users/nobody/lockout"; // 401 unauthenticated, 403 for a clerk

    @Autowired TestRestTemplate rest;
    @Autowired UserAdministration userAdministration;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    @LocalServerPort int port;

    private String newClerk() {
        String username = "lock" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        userAdministration.createIfAbsent(username, PASSWORD, "锁定测试", "BJ-110105", Set.of(Role.CLERK), false,
                true);
        return username;
    }

    private ResponseEntity<String> basic(String username, String password) {
        return rest.withBasicAuth(username, password).getForEntity(PROBE, String.class);
    }

    private void failFiveTimes(String username) {
        for (int i = 0; i < 5; i++) {
            assertThat(basic(username, "wrong-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    @DisplayName("SEC-01 after 5 wrong passwords within 15 minutes the account is locked: the right password fails too (401) over HTTP Basic; every failure audited under the username")
    void lockedAfterFiveFailures() {
        String clerk = newClerk();
        assertThat(basic(clerk, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN); // signed in
        failFiveTimes(clerk);
        ResponseEntity<String> locked = basic(clerk, PASSWORD);
        assertThat(locked.getStatusCode()).as("today: signed in").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(locked.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(jdbc.queryForList("select detail from audit_event where event_type = 'SignInFailed' and actor = ?",
                String.class, clerk)).hasSize(6).endsWith("LockedException");
    }

    @Test
    @DisplayName("SEC-01 an unknown username is counted and locked exactly like a known one, with the same answer; audited as a short marker, never the typed text — even 300 characters of it")
    void unknownNamesLikeKnownOnes() throws Exception {
        String clerk = newClerk();
        String unknown = "nobody-" + UUID.randomUUID();
        failFiveTimes(clerk);
        failFiveTimes(unknown);
        ResponseEntity<String> known = basic(clerk, PASSWORD);
        ResponseEntity<String> stranger = basic(unknown, PASSWORD);
        assertThat(stranger.getStatusCode()).isEqualTo(known.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(json.readTree(stranger.getBody())).isEqualTo(json.readTree(known.getBody()));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor like ? or subject_id like ?",
                Long.class, unknown + "%", unknown + "%")).isZero();
        assertThat(jdbc.queryForList("select distinct actor from audit_event where event_type = 'SignInFailed' and "
                + "detail = 'LockedException' and occurred_at > current_timestamp - interval '1' minute",
                String.class)).anySatisfy(a -> assertThat(a).matches("\\?[0-9a-f]{16}"));

        String typed = "x".repeat(300);
        assertThat(basic(typed, "whatever").getStatusCode()).as("today: 500, the audit entry does not fit")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor like 'xxxx%'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from login_failure where account_key like 'xxxx%'",
                Long.class)).isZero();
    }

    @Test
    @DisplayName("SEC-01 an admin lifts a lock (DELETE /api/v1/users/{username}/lockout, audited); others may not; the right password works again")
    void adminUnlocks() {
        String clerk = newClerk();
        failFiveTimes(clerk);
        assertThat(basic(clerk, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> state = rest.withBasicAuth("admin", "demo1234")
                .getForEntity("/api/v1/users/" + clerk + "/lockout", String.class);
        assertThat(state.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(state.getBody()).contains("\"failures\":5").contains("lockedUntil");
        assertThat(rest.withBasicAuth("clerk", "demo1234").exchange("/api/v1/users/" + clerk + "/lockout",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("admin", "demo1234").exchange("/api/v1/users/" + clerk + "/lockout",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(basic(clerk, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN); // signed in again
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'UserLockoutCleared' "
                + "and subject_id = ? and actor = 'admin'", Long.class, clerk)).isEqualTo(1);
    }

    @Test
    @DisplayName("SEC-01 the login page: a locked account is sent to /login?error&locked (账户已锁定) even with the right password; a wrong password to /login?error")
    void loginPage() {
        String clerk = newClerk();
        ResponseEntity<String> wrong = form(clerk, "wrong");
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(wrong.getHeaders().getLocation().toString()).endsWith("/login?error");
        for (int i = 0; i < 4; i++) {
            form(clerk, "wrong-" + i);
        }
        ResponseEntity<String> locked = form(clerk, PASSWORD);
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(locked.getHeaders().getLocation().toString()).endsWith("/login?error&locked");
        assertThat(basic(clerk, PASSWORD).getStatusCode()).as("locked for the API as well")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<String> form(String username, String password) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        var body = new LinkedMultiValueMap<String, String>();
        body.add("username", username);
        body.add("password", password);
        return rest.postForEntity("/login", new HttpEntity<>(body, headers), String.class);
    }

    @Test
    @DisplayName("SEC-01 INT-06 an address that keeps failing to sign in (many names, 20 a minute) is answered 429 with Retry-After, even with right credentials; other addresses are not")
    void failingAddressIsThrottled() throws Exception {
        String address = "127.0.0.77";
        for (int i = 0; i < 20; i++) {
            assertThat(raw(address, "GET", PROBE, basicHeader("spray" + i + "-" + UUID.randomUUID(), "guess"), null)
                    .status()).isEqualTo(401);
        }
        Raw throttled = raw(address, "GET", PROBE, basicHeader("admin", "demo1234"), null);
        assertThat(throttled.status()).as("today: 200").isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(throttled.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(raw("127.0.0.78", "GET", PROBE, basicHeader("admin", "demo1234"), null).status())
                .isNotIn(401, 429);
    }

    @Test
    @DisplayName("EHC-06 INT-06 an address whose gateway requests keep being refused (120 a minute) is answered 429 with Retry-After")
    void refusedGatewayCallsAreThrottled() throws Exception {
        String address = "127.0.0.79";
        for (int i = 0; i < 120; i++) {
            assertThat(raw(address, "POST", "/api/v1/ehc/gateway", Map.of("Content-Type", "application/json"),
                    "{\"app_id\":\"nosuchapp\"}").status()).isEqualTo(400);
        }
        Raw throttled = raw(address, "POST", "/api/v1/ehc/gateway", Map.of("Content-Type", "application/json"),
                "{\"app_id\":\"nosuchapp\"}");
        assertThat(throttled.status()).as("today: 400 again").isEqualTo(429);
        assertThat(throttled.headers()).containsKey("retry-after");
    }

    // ---- HTTP/1.1 from a chosen loopback address (the JDK client cannot bind one) ------------------------------

    private record Raw(int status, Map<String, String> headers, String body) {
    }

    private static Map<String, String> basicHeader(String username, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Raw raw(String from, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> answer = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answer.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), answer, text.substring(end + 4));
        }
    }
}
