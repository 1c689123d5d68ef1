package cn.healthcard.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A person whose password must be changed (created or reset by an admin, or expired; decision 024) gets a 403 problem
 * {@code PASSWORD_CHANGE_REQUIRED}: on {@code /api} and {@code /engine-rest} for everything but
 * {@code POST /api/v1/me/password} (the flag as read at the Basic sign-in), and on the engine webapps
 * {@code /camunda} of the session (read from the account, so the change made on 「修改密码」 counts at once).
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String CODE = "PASSWORD_CHANGE_REQUIRED";
    static final String OWN_PASSWORD = "/api/v1/me/password";

    private final org.springframework.security.web.util.matcher.RequestMatcher guarded;
    private final java.util.function.BooleanSupplier required;

    /** The API chain: every path but the own password's; the flag of the principal signed in with this request. */
    PasswordChangeRequiredFilter() {
        this.guarded = r -> !OWN_PASSWORD.equals(r.getRequestURI().substring(r.getContextPath().length()));
        this.required = () -> SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal()
                instanceof AppUserPrincipal principal && principal.passwordChangeRequired();
    }

    /** Given paths of the session chain, with the account's current state. */
    PasswordChangeRequiredFilter(org.springframework.security.web.util.matcher.RequestMatcher guarded,
                                 java.util.function.BooleanSupplier required) {
        this.guarded = guarded;
        this.required = required;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (guarded.matches(request) && required.getAsBoolean()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"urn:healthcard:problem:password-change-required\","
                    + "\"title\":\"Forbidden\",\"status\":403,\"code\":\"" + CODE + "\",\"detail\":\"须先修改密码 "
                    + "(password change required): POST " + OWN_PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
