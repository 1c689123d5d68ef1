package cn.healthcard.security.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleFilterTest {

    private final ClientThrottle signIns = new ClientThrottle(3, Duration.ofMinutes(1));
    private final ClientThrottle gateway = new ClientThrottle(2, Duration.ofMinutes(1));
    private final ThrottleFilter filter = new ThrottleFilter(signIns, gateway);
    private final SignInFailureListener listener = new SignInFailureListener(signIns);

    private MockHttpServletResponse call(String address, String method, String path, boolean credentials,
                                         int status) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        if (credentials) {
            request.addHeader("Authorization", "Basic eDp5");
        }
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                ((jakarta.servlet.http.HttpServletResponse) res).setStatus(status);
            }
        });
        return response;
    }

    private void failedSignIn(String address) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated("someone", "guess");
        token.setDetails(new WebAuthenticationDetails(address, null));
        listener.on(new AuthenticationFailureBadCredentialsEvent(token, new BadCredentialsException("bad")));
    }

    @Test
    @DisplayName("SEC-01 INT-06 an address out of failed sign-ins gets 429 with Retry-After for every sign-in attempt, the login form's too; other addresses and requests without credentials pass")
    void signIns() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("10.0.0.1", "GET", "/api/v1/cards", true, 200).getStatus()).isEqualTo(200);
            failedSignIn("10.0.0.1");
        }
        MockHttpServletResponse throttled = call("10.0.0.1", "GET", "/api/v1/cards", true, 200);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(throttled.getContentType()).startsWith("application/problem+json");
        assertThat(call("10.0.0.1", "POST", "/login", false, 302).getStatus()).isEqualTo(429);
        assertThat(call("10.0.0.1", "GET", "/cards", false, 200).getStatus()).as("a signed-in session").isEqualTo(200);
        assertThat(call("10.0.0.2", "GET", "/api/v1/cards", true, 200).getStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("EHC-06 INT-06 an address whose gateway requests are refused is answered 429 once its refusals are used up; served requests cost nothing")
    void gatewayRefusals() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call("10.0.0.3", "POST", "/api/v1/ehc/gateway", false, 200).getStatus()).isEqualTo(200);
        }
        assertThat(call("10.0.0.3", "POST", "/api/v1/ehc/gateway", false, 401).getStatus()).isEqualTo(401);
        assertThat(call("10.0.0.3", "POST", "/api/v1/ehc/gateway", false, 400).getStatus()).isEqualTo(400);
        MockHttpServletResponse throttled = call("10.0.0.3", "POST", "/api/v1/ehc/gateway", false, 200);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isNotBlank();
        assertThat(call("10.0.0.4", "POST", "/api/v1/ehc/gateway", false, 200).getStatus()).isEqualTo(200);
    }
}
