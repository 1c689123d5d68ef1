package cn.healthcard.modeler;

import cn.healthcard.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-app modeler's page and endpoints behind the login (BPM-05, SEC-01, decision 033), over real HTTP with real
 * sessions: anonymous callers are sent to the login page (or get 401 on the API), other roles get 403, admins get the
 * page, its CSRF token and the element templates; the browser's session POSTs to the process administration's API
 * need the session's CSRF token, API clients with Basic credentials do not.
 */
@IntegrationTest
class ModelerSecurityIT {

    private static final String PAGE = "/modeler/index.html";
    private static final String TOKEN = "/modeler/csrf-token";
    private static final String TEMPLATES = "/api/v1/modeler/element-templates";
    private static final String CHECKS = "/api/v1/process-admin/checks";

    @LocalServerPort
    int port;
    @Autowired
    UserAdministration administration;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    @DisplayName("SEC-01 BPM-05 anonymous: the modeler page and its CSRF token send to the login page, the templates "
            + "answer 401")
    void anonymous() throws Exception {
        Session anonymous = new Session();
        for (String path : new String[]{PAGE, TOKEN, "/modeler/vendor/camunda-platform-modeler.production.min.js"}) {
            var answer = anonymous.get(path, Map.of());
            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
        assertThat(anonymous.get(TEMPLATES, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 a clerk's session and Basic credentials are refused: page, token, templates 403; a "
            + "session POST to the process administration's API 403")
    void otherRolesRefused() throws Exception {
        Session clerk = signIn("clerk");
        assertThat(clerk.get(PAGE, Map.of()).statusCode()).isEqualTo(403);
        assertThat(clerk.get(TOKEN, Map.of()).statusCode()).isEqualTo(403);
        var templates = clerk.get(TEMPLATES, Map.of());
        assertThat(templates.statusCode()).isEqualTo(403);
        assertThat(templates.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(clerk.post(CHECKS, "{\"xml\":\"<x/>\"}", Map.of()).statusCode()).isEqualTo(403);
        assertThat(new Session().get(TEMPLATES, basic("clerk")).statusCode()).isEqualTo(403);
        assertThat(new Session().get(TEMPLATES, basic("supervisor")).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 an admin's session: the page (framable by the same origin only), the prebuilt modeler "
            + "from the jar, the CSRF token and one element template per delegate and form")
    void adminGetsThePage() throws Exception {
        Session admin = signIn("admin");
        var page = admin.get(PAGE, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("vendor/camunda-platform-modeler.production.min.js", "translate-zh.js");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(admin.get("/modeler/vendor/camunda-platform-modeler.production.min.js", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(admin.get("/modeler/vendor/assets/camunda-platform-modeler.css", Map.of()).statusCode())
                .isEqualTo(200);
        // every other page keeps refusing frames
        assertThat(new Session().get("/login", Map.of()).headers().firstValue("X-Frame-Options")).hasValue("DENY");

        JsonNode token = json.readTree(admin.get(TOKEN, Map.of()).body());
        assertThat(token.path("headerName").asText()).isEqualTo("X-CSRF-TOKEN");
        assertThat(token.path("token").asText()).isNotBlank();

        var answer = admin.get(TEMPLATES, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode templates = json.readTree(answer.body());
        long forms;
        try (var files = Files.list(Path.of("forms"))) {
            forms = files.filter(f -> f.toString().endsWith(".form")).count();
        }
        var ids = StreamSupport.stream(templates.spliterator(), false).map(t -> t.path("id").asText()).toList();
        assertThat(ids.stream().filter(id -> id.startsWith("cn.healthcard.form.")).count()).isEqualTo(forms);
        assertThat(ids).contains("cn.healthcard.delegate.checkApplicationDelegate",
                "cn.healthcard.delegate.requestCardProductionDelegate", "cn.healthcard.form.review-application");
        assertThat(StreamSupport.stream(templates.spliterator(), false)
                .filter(t -> t.path("id").asText().equals("cn.healthcard.delegate.checkApplicationDelegate"))
                .findFirst().orElseThrow().path("name").asText()).contains("黑名单校验");
        // the same for an API client with Basic credentials
        assertThat(new Session().get(TEMPLATES, basic("admin")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 an admin's session POST to the process administration's API needs the session's CSRF "
            + "token (none or another one: 403); Basic API clients need none")
    void csrfOnSessionPosts() throws Exception {
        Session admin = signIn("admin");
        String body = "{\"xml\":\"<definitions/>\"}";
        assertThat(admin.post(CHECKS, body, Map.of()).statusCode()).as("no token").isEqualTo(403);
        assertThat(admin.post(CHECKS, body, Map.of("X-CSRF-TOKEN", "forged")).statusCode()).as("forged").isEqualTo(403);
        Session other = signIn("admin");
        String othersToken = json.readTree(other.get(TOKEN, Map.of()).body()).path("token").asText();
        assertThat(admin.post(CHECKS, body, Map.of("X-CSRF-TOKEN", othersToken)).statusCode())
                .as("another session's token").isEqualTo(403);
        String token = json.readTree(admin.get(TOKEN, Map.of()).body()).path("token").asText();
        assertThat(admin.post(CHECKS, body, Map.of("X-CSRF-TOKEN", token)).statusCode())
                .as("the session's token passes security").isNotIn(401, 403);
        assertThat(new Session().post(CHECKS, body, basic("admin")).statusCode()).as("Basic").isNotIn(401, 403);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 an admin's session cookie, with its CSRF token and no Authorization header, "
            + "authenticates nothing outside the modeler's two API paths: other /api GETs and POSTs and the engine REST "
            + "API answer 401, a path escaping with .. is refused by the firewall (400); the process administration "
            + "answers the same session")
    void sessionAuthenticatesNothingElse() throws Exception {
        Session admin = signIn("admin");
        Map<String, String> token = Map.of("X-CSRF-TOKEN", token(admin));
        assertThat(admin.get("/api/v1/process-admin/processes", token).statusCode()).as("control").isEqualTo(200);
        for (String path : new String[]{"/api/v1/cards", "/api/v1/blacklist", "/api/v1/users",
                "/engine-rest/deployment", "/engine-rest/process-definition"}) {
            var answer = admin.get(path, token);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"healthcard\"");
        }
        assertThat(admin.post("/api/v1/blacklist", "{\"idNumber\":\"x\",\"reason\":\"x\"}", token).statusCode())
                .as("a POST to another /api path").isEqualTo(401);
        assertThat(admin.post("/engine-rest/deployment/create", "{}", token).statusCode()).isEqualTo(401);
        assertThat(admin.get("/api/v1/process-admin/../keys", token).statusCode()).as("..").isEqualTo(400);
        assertThat(admin.get("/api/v1/modeler/..%2F..%2Fkeys", token).statusCode()).as("%2F").isEqualTo(400);
        assertThat(admin.get("/api/v1/process-admin;x=1/processes", token).statusCode()).as(";").isEqualTo(400);
        // and the session is still the admin's (nothing above signed it out)
        assertThat(admin.get(TEMPLATES, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 a session whose password must be changed gets 403 PASSWORD_CHANGE_REQUIRED on the "
            + "process administration's API even with its CSRF token; a disabled account's open session gets 401")
    void passwordChangeAndDisabledAccount() throws Exception {
        String expiring = "mdlx" + System.nanoTime() % 1_000_000;
        administration.createIfAbsent(expiring, "Mdl#" + expiring + "-pw", "测试" + expiring, "NHC-000000",
                Set.of(Role.ADMIN), false, false);
        Session session = signIn(expiring, "Mdl#" + expiring + "-pw");
        String token = token(session);
        String body = "{\"xml\":\"<definitions/>\"}";
        assertThat(session.post(CHECKS, body, Map.of("X-CSRF-TOKEN", token)).statusCode()).as("control")
                .isNotIn(401, 403);
        jdbc.update("UPDATE app_user SET password_changed_at = ? WHERE username = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(91))), expiring);
        var blocked = session.post(CHECKS, body, Map.of("X-CSRF-TOKEN", token));
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(json.readTree(blocked.body()).path("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(session.get(TEMPLATES, Map.of()).statusCode()).isEqualTo(403);

        String leaving = "mdld" + System.nanoTime() % 1_000_000;
        administration.createIfAbsent(leaving, "Mdl#" + leaving + "-pw", "测试" + leaving, "NHC-000000",
                Set.of(Role.ADMIN), false, false);
        Session old = signIn(leaving, "Mdl#" + leaving + "-pw");
        String oldToken = token(old);
        assertThat(old.get(TEMPLATES, Map.of()).statusCode()).as("control").isEqualTo(200);
        jdbc.update("UPDATE app_user SET enabled = FALSE WHERE username = ?", leaving);
        assertThat(old.post(CHECKS, body, Map.of("X-CSRF-TOKEN", oldToken)).statusCode()).isIn(401, 403);
        assertThat(old.get(TEMPLATES, Map.of()).statusCode()).isIn(401, 403);
        assertThat(old.get(PAGE, Map.of()).statusCode()).as("the page: to the login").isEqualTo(302);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 the session-reachable approval (POST changes/{id}/review) and a cross-site-shaped POST "
            + "(text/plain, the cookie, no token) are refused 403; a made-up session cookie gets no new session; a "
            + "text/plain POST with Basic credentials finds no operation (404/415)")
    void crossSiteShapes() throws Exception {
        Session admin = signIn("admin");
        token(admin);
        var review = admin.post("/api/v1/process-admin/changes/CHG-1/review", "{\"approve\":true}", Map.of());
        assertThat(review.statusCode()).isEqualTo(403);
        assertThat(admin.post(CHECKS, "{\"xml\":\"<x/>\"}", Map.of("Content-Type", "text/plain")).statusCode())
                .isEqualTo(403);
        assertThat(admin.post("/api/v1/process-admin/changes", "{}", Map.of("Content-Type", "text/plain"))
                .statusCode()).isEqualTo(403);

        var madeUp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + CHECKS)).header("Content-Type", "application/json")
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
                .POST(HttpRequest.BodyPublishers.ofString("{\"xml\":\"<x/>\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(madeUp.statusCode()).as(madeUp.body() + madeUp.headers().map()).isIn(401, 403);
        assertThat(madeUp.headers().allValues("Set-Cookie")).as("no session created").isEmpty();

        var basic = new java.util.HashMap<>(basic("admin"));
        basic.put("Content-Type", "text/plain");
        // the endpoints consume application/json only: no handler takes a form's content type (the API answers such a
        // request as 404 no-such-operation), so a cross-site form with cached Basic credentials runs nothing
        var plain = new Session().post(CHECKS, "{\"xml\":\"<x/>\"}", basic);
        assertThat(plain.statusCode()).as(plain.body()).isIn(404, 415);
        assertThat(plain.body()).doesNotContain("problems");
    }

    @Test
    @DisplayName("SEC-01 BPM-05 the modeler page carries a content security policy: its own scripts only, framed by "
            + "the same origin only")
    void contentSecurityPolicy() throws Exception {
        Session admin = signIn("admin");
        for (String path : new String[]{PAGE, "/modeler/modeler.js"}) {
            String csp = admin.get(path, Map.of()).headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                    "frame-ancestors 'self'").doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe");
        }
        assertThat(new Session().get("/login", Map.of()).headers().firstValue("Content-Security-Policy")
                .orElse("")).doesNotContain("frame-ancestors 'self'");
    }

    private String token(Session session) throws Exception {
        return json.readTree(session.get(TOKEN, Map.of()).body()).path("token").asText();
    }

    private Session signIn(String username) throws Exception {
        return signIn(username, "demo1234");
    }

    /** Signs in on the login page (as the Vaadin login form posts it); the session cookie stays with the client. */
    private Session signIn(String username, String password) throws Exception {
        Session session = new Session();
        var answer = session.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username,
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("signed in as " + username).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
    }

    private static Map<String, String> basic(String username) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":demo1234").getBytes(StandardCharsets.UTF_8)));
    }

    /** A browser-like client: its own cookies, no redirects followed. */
    private final class Session {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
            headers.forEach(request::header);
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            request.header("Content-Type", headers.getOrDefault("Content-Type", "application/json"));
            headers.forEach((name, value) -> {
                if (!name.equals("Content-Type")) {
                    request.header(name, value);
                }
            });
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
