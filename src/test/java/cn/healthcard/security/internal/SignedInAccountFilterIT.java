package cn.healthcard.security.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.security.UserManagement;
import cn.healthcard.security.UserManagement.UserChange;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session that is open already follows the account at its next request, not only at its next navigation
 * (decision 024): an admin whose ADMIN role two admins took away can no longer press a button of 「用户管理」, and a
 * disabled account's session ends. The filter runs here as in the session chain, with the session's security context.
 */
@IntegrationTest
class SignedInAccountFilterIT {

    @Autowired UserAccountRepository accounts;
    @Autowired JpaSignedInAccount signedInAccount;
    @Autowired UserDetailsService userDetails;
    @Autowired UserAdministration administration;
    @Autowired UserManagement management;
    @Autowired TestUsers users;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @DisplayName("SEC-01 an open session's next request runs with the account as it is now: a removed ADMIN role denies the next click of 「用户管理」 at once; a disabled account's session is invalidated")
    void nextRequestFollowsTheAccount() throws Exception {
        String username = "open" + System.nanoTime() % 1_000_000;
        String second = username + "b";
        administration.createIfAbsent(username, "Op3#" + username, "开着的会话", "NHC-000000",
                Set.of(Role.ADMIN, Role.CLERK), false, false);
        administration.createIfAbsent(second, "Op3#" + second, "第二管理员", "NHC-000000", Set.of(Role.ADMIN), false,
                false);
        SignedInAccountFilter filter = new SignedInAccountFilter(accounts, signedInAccount);
        MockHttpSession session = signedIn(username);

        // a click while she is an admin: allowed
        assertThat(request(filter, session, () -> management.users(UserManagement.UserFilter.all()))).isNull();

        // two admins take the role away; her screen is still open
        var view = users.as("admin", () -> management.user(username));
        var pending = users.as("admin", () -> management.modify(username, view.version(),
                new UserChange(view.displayName(), Set.of(Role.CLERK), "NHC-000000", false)));
        users.run(second, () -> management.approve(pending.pending().id()));

        assertThat(request(filter, session, () -> management.users(UserManagement.UserFilter.all())))
                .isInstanceOf(AccessDeniedException.class);
        SecurityContext kept = (SecurityContext) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(kept.getAuthentication().getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_CLERK");

        // disabled (a clerk now: one admin suffices): the session ends at the next request
        users.run("admin", () -> management.disable(username));
        AtomicReference<Object> during = new AtomicReference<>();
        var request = new MockHttpServletRequest("POST", "/");
        request.setSession(session);
        SecurityContextHolder.setContext(kept);
        filter.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> during.set(SecurityContextHolder.getContext().getAuthentication()));
        assertThat(during.get()).isNull();
        assertThat(session.isInvalid()).isTrue();
    }

    /** A session as the login leaves it: the security context in the session and (per request) in the holder. */
    private MockHttpSession signedIn(String username) {
        var principal = userDetails.loadUserByUsername(username);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null,
                principal.getAuthorities()));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        return session;
    }

    /** One request of the session through the filter; what the click threw, or null. */
    private Throwable request(SignedInAccountFilter filter, MockHttpSession session, Runnable click)
            throws Exception {
        SecurityContextHolder.setContext((SecurityContext) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        var request = new MockHttpServletRequest("POST", "/");
        request.setSession(session);
        try {
            filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                try {
                    click.run();
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
        } finally {
            SecurityContextHolder.clearContext();
        }
        return thrown.get();
    }
}
