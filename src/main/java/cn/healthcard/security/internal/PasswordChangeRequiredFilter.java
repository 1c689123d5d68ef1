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
 * On {@code /api} and {@code /engine-rest}: a person whose password must be changed (created or reset by an admin, or
 * expired; decision 024) gets a 403 problem {@code PASSWORD_CHANGE_REQUIRED} for everything but
 * {@code POST /api/v1/me/password}.
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String CODE = "PASSWORD_CHANGE_REQUIRED";
    static final String OWN_PASSWORD = "/api/v1/me/password";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null && auth.getPrincipal() instanceof AppUserPrincipal principal
                && principal.passwordChangeRequired() && !OWN_PASSWORD.equals(path)) {
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
