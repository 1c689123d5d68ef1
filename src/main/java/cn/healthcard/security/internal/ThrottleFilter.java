package cn.healthcard.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Throttles client addresses that fail (decision 019), in front of Spring Security: an address that has used up its
 * failed sign-ins (HTTP Basic or the login form; counted by {@link SignInFailureListener}) gets {@code 429} with
 * {@code Retry-After} for every request that tries to sign in; an address that has used up its refused gateway requests
 * ({@code POST /api/v1/ehc/gateway} answered 4xx, counted here) for every gateway request. Requests of a session
 * already signed in, and of addresses that have not failed, pass with one map lookup.
 */
class ThrottleFilter extends OncePerRequestFilter {

    static final String GATEWAY = "/api/v1/ehc/gateway";

    private final ClientThrottle signIns;
    private final ClientThrottle gateway;

    ThrottleFilter(ClientThrottle signIns, ClientThrottle gateway) {
        this.signIns = signIns;
        this.gateway = gateway;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        boolean toGateway = "POST".equals(request.getMethod()) && GATEWAY.equals(path(request));
        if (signsIn(request)) {
            Duration wait = signIns.wait(address);
            if (!wait.isZero()) {
                tooMany(response, wait, "登录失败次数过多，请稍后再试 (too many failed sign-ins from this address)");
                return;
            }
        }
        if (toGateway) {
            Duration wait = gateway.wait(address);
            if (!wait.isZero()) {
                tooMany(response, wait, "被拒绝的请求过多，请稍后再试 (too many refused requests from this address)");
                return;
            }
        }
        chain.doFilter(request, response);
        if (toGateway && response.getStatus() >= 400 && response.getStatus() < 500) {
            gateway.failed(address);
        }
    }

    /** A request that tries to sign in: credentials in the Authorization header, or the login form's POST. */
    private static boolean signsIn(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || "POST".equals(request.getMethod()) && "/login".equals(path(request));
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context == null || context.isEmpty() ? uri : uri.substring(context.length());
    }

    private static void tooMany(HttpServletResponse response, Duration wait, String detail) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"" + detail + "\",\"retryAfterSeconds\":" + seconds + "}");
    }
}
