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
        String username = "lock" + SEQUENCE.incrementAndGet() + "x" + System.nanoTime() % 1_000_000;
        userAdministration.createIfAbsent(username, PASSWORD, "锁定测试", "BJ-110105", Set.of(Role.CLERK), false,
                true);
        return username;
    }

    /** Each test signs in from a loopback address of its own: its failures do not throttle the other tests. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private final String from = "127.0.1." + ADDRESSES.incrementAndGet();

    private Raw basic(String username, String password) throws Exception {
        return raw(from, "GET", PROBE, basicHeader(username, password), null);
    }

    private void failFiveTimes(String username) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(basic(username, "wrong-" + i).status()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("SEC-01 after 5 wrong passwords within 15 minutes the account is locked: the right password fails too (401) over HTTP Basic; every failure audited under the username")
    void lockedAfterFiveFailures() throws Exception {
        String clerk = newClerk();
        assertThat(basic(clerk, PASSWORD).status()).isEqualTo(403); // signed in
        failFiveTimes(clerk);
        Raw locked = basic(clerk, PASSWORD);
        assertThat(locked.status()).as("today: signed in").isEqualTo(401);
        assertThat(locked.headers().get("content-type")).startsWith("application/problem+json");
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
        Raw known = basic(clerk, PASSWORD);
        Raw stranger = basic(unknown, PASSWORD);
        assertThat(stranger.status()).isEqualTo(known.status()).isEqualTo(401);
        assertThat(json.readTree(stranger.body())).isEqualTo(json.readTree(known.body()));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor like ? or subject_id like ?",
                Long.class, unknown + "%", unknown + "%")).isZero();
        assertThat(jdbc.queryForList("select distinct actor from audit_event where event_type = 'SignInFailed' and "
                + "detail = 'LockedException' and occurred_at > current_timestamp - interval '1' minute",
                String.class)).anySatisfy(a -> assertThat(a).matches("\\?[0-9a-f]{16}"));

        String typed = "x".repeat(300);
        assertThat(basic(typed, "whatever").status()).as("today: 500, the audit entry does not fit")
                .isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor like 'xxxx%'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from login_failure where account_key like 'xxxx%'",
                Long.class)).isZero();
    }

    @Test
    @DisplayName("SEC-01 an admin lifts a lock (DELETE /api/v1/users/{username}/lockout, audited); others may not; the right password works again")
    void adminUnlocks() throws Exception {
        String clerk = newClerk();
        failFiveTimes(clerk);
        assertThat(basic(clerk, PASSWORD).status()).isEqualTo(401);
        ResponseEntity<String> state = rest.withBasicAuth("admin", "demo1234")
                .getForEntity("/api/v1/users/" + clerk + "/lockout", String.class);
        assertThat(state.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(state.getBody()).contains("\"failures\":5").contains("lockedUntil");
        assertThat(rest.withBasicAuth("clerk", "demo1234").exchange("/api/v1/users/" + clerk + "/lockout",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("admin", "demo1234").exchange("/api/v1/users/" + clerk + "/lockout",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(basic(clerk, PASSWORD).status()).isEqualTo(403); // signed in again
        assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'UserLockoutCleared' "
                + "and subject_id = ? and actor = 'admin'", Long.class, clerk)).isEqualTo(1);
    }

    @Test
    @DisplayName("SEC-01 the login page: a locked account is sent to /login?error&locked (账户已锁定) even with the right password; a wrong password to /login?error")
    void loginPage() throws Exception {
        String clerk = newClerk();
        Raw wrong = form(clerk, "wrong");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(302);
        assertThat(wrong.headers().get("location")).endsWith("/login?error");
        for (int i = 0; i < 4; i++) {
            form(clerk, "wrong-" + i);
        }
        Raw locked = form(clerk, PASSWORD);
        assertThat(locked.status()).isEqualTo(302);
        assertThat(locked.headers().get("location")).as("today: signed in").endsWith("/login?error&locked");
        assertThat(basic(clerk, PASSWORD).status()).as("locked for the API as well").isEqualTo(401);
    }

    private Raw form(String username, String password) throws Exception {
        return raw(from, "POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("SEC-01 INT-06 an address that keeps failing to sign in (many names, 20 a minute) is answered 429 with Retry-After, even with right credentials; other addresses are not")
    void failingAddressIsThrottled() throws Exception {
        String address = "127.0.0.77";
        int failures = 0;
        int status = 401;
        while (status == 401 && failures < 60) { // 20 at once, then 20 a minute: the bucket refills while we try
            status = raw(address, "GET", PROBE, basicHeader("spray" + failures + UUID.randomUUID(), "guess"), null)
                    .status();
            failures += status == 401 ? 1 : 0;
        }
        assertThat(status).as("today: never throttled").isEqualTo(429);
        assertThat(failures).isBetween(20, 59);
        Raw throttled = raw(address, "GET", PROBE, basicHeader("admin", "demo1234"), null);
        assertThat(throttled.status()).as("right credentials from that address").isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(throttled.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(raw("127.0.0.78", "GET", PROBE, basicHeader("admin", "demo1234"), null).status())
                .isNotIn(401, 429);
    }

    @Test
    @DisplayName("EHC-06 INT-06 an address whose gateway requests keep being refused (120 a minute) is answered 429 with Retry-After")
    void refusedGatewayCallsAreThrottled() throws Exception {
        String address = "127.0.0.79";
        int refused = 0;
        int status = 400;
        while (status == 400 && refused < 300) { // 120 at once, then 120 a minute
            status = raw(address, "POST", "/api/v1/ehc/gateway", Map.of("Content-Type", "application/json"),
                    "{\"app_id\":\"nosuchapp\"}").status();
            refused += status == 400 ? 1 : 0;
        }
        assertThat(status).as("today: never throttled").isEqualTo(429);
        assertThat(refused).isBetween(120, 299);
        Raw throttled = raw(address, "POST", "/api/v1/ehc/gateway", Map.of("Content-Type", "application/json"),
                "{}");
        assertThat(throttled.status()).isEqualTo(429);
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
