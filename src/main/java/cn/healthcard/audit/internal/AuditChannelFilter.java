package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditChannel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Marks each request's audit entries as coming from the API or the UI. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditChannelFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the token endpoint of machine clients (/oauth2/token, decision 020) is the API too
        (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/oauth2/")
                ? AuditChannel.API : AuditChannel.UI).enter();
        try {
            chain.doFilter(request, response);
        } finally {
            AuditChannel.clear();
        }
    }
}
