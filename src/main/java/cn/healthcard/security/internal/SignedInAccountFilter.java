package cn.healthcard.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps every request of a signed-in session in step with the account (decision 024), in the session chain before
 * the authorization filter: a button click in a screen that is open already runs with the account as it is now, not
 * as it was at sign-in. Each request reads the account's version (one primary-key read); only when it differs from the
 * version the session last saw is the identity loaded again ({@link JpaSignedInAccount}: removed roles are gone for
 * this request's {@code @PreAuthorize} checks already). A disabled or deleted account's session is invalidated and the
 * request goes on unauthenticated (the login page, or Vaadin's "session expired").
 */
class SignedInAccountFilter extends OncePerRequestFilter {

    /** The session attribute holding the account version the session's identity was loaded from. */
    static final String VERSION = SignedInAccountFilter.class.getName() + ".version";

    private final UserAccountRepository users;
    private final JpaSignedInAccount account;

    SignedInAccountFilter(UserAccountRepository users, JpaSignedInAccount account) {
        this.users = users;
        this.account = account;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        var context = SecurityContextHolder.getContext();
        if (session != null && context.getAuthentication() != null
                && context.getAuthentication().getPrincipal() instanceof AppUserPrincipal signedIn) {
            Optional<Long> version = users.findEnabledVersion(signedIn.getUsername());
            if (version.isEmpty() || (!version.get().equals(session.getAttribute(VERSION)) && !account.refresh())) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else if (!version.get().equals(session.getAttribute(VERSION))) {
                session.setAttribute(VERSION, version.get());
                session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                        SecurityContextHolder.getContext());
            }
        }
        chain.doFilter(request, response);
    }
}
