package cn.healthcard.shell.chart;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.support.IntegrationTest;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pinned ECharts bundle as the browser gets it (decision 035, SEC-01): from the jar, behind the login, cached.
 */
@IntegrationTest
class ChartVendorScriptIT {

    static final String SCRIPT = "/vendor/echarts/echarts.min.js";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("SEC-01 SUP-01: anonymous callers are sent to the login page for the chart bundle")
    void anonymous() throws Exception {
        var answer = new Session().get(SCRIPT, Map.of());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(answer.body()).doesNotContain("Apache Software Foundation");
    }

    @Test
    @DisplayName("SUP-01 STAT-01: a signed-in user gets the pinned ECharts 6.1.0 bundle as text/javascript with a "
            + "private one-day cache header (no no-store) and a Last-Modified to revalidate with (304)")
    void signedInGetsTheBundleCached() throws Exception {
        Session clerk = signIn("clerk");
        var answer = clerk.get(SCRIPT, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(answer.body().length()).isGreaterThan(1_000_000);
        assertThat(answer.body()).contains("Licensed to the Apache Software Foundation", "\"6.1.0\"");
        String cache = answer.headers().firstValue("Cache-Control").orElse("");
        assertThat(cache).contains("max-age=86400", "private").doesNotContain("no-store", "no-cache");
        String modified = answer.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(clerk.get(SCRIPT, Map.of("If-Modified-Since", modified)).statusCode()).isEqualTo(304);
    }

    @Test
    @DisplayName("SEC-01: nothing else is served from the vendor path: other files 404, paths escaping it 400")
    void nothingElse() throws Exception {
        Session clerk = signIn("clerk");
        assertThat(clerk.get("/vendor/echarts/echarts.js", Map.of()).statusCode()).isEqualTo(404);
        assertThat(clerk.get("/vendor/echarts/../../application.yml", Map.of()).statusCode()).isIn(400, 404);
        assertThat(clerk.get("/vendor/echarts/%2e%2e/%2e%2e/application.yml", Map.of()).statusCode()).isEqualTo(400);
        assertThat(clerk.get("/vendor/echarts/..%2F..%2Fapplication.yml", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("SUP-01: the chart declares no @JsModule, @JavaScript or @NpmPackage, so neither Vaadin's dev mode nor "
            + "-Pproduction's bundle build sees ECharts (the page loads it as a classic script)")
    void notBundled() {
        for (Class<?> type : new Class<?>[]{EChart.class, ChartClickEvent.class}) {
            assertThat(type.getAnnotationsByType(JsModule.class)).isEmpty();
            assertThat(type.getAnnotationsByType(JavaScript.class)).isEmpty();
            assertThat(type.getAnnotationsByType(NpmPackage.class)).isEmpty();
        }
    }

    private Session signIn(String username) throws Exception {
        Session session = new Session();
        var answer = session.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username,
                        StandardCharsets.UTF_8) + "&password=demo1234"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("signed in as " + username).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
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
    }
}
