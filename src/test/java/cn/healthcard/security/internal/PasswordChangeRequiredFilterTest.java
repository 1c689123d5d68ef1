package cn.healthcard.security.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

class PasswordChangeRequiredFilterTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @DisplayName("SEC-01 API chain: a person who must change the password gets 403 PASSWORD_CHANGE_REQUIRED everywhere but POST /api/v1/me/password; others pass")
    void apiChain() throws Exception {
        signIn(true);
        var filter = new PasswordChangeRequiredFilter();
        MockHttpServletResponse blocked = run(filter, "/api/v1/cards");
        assertThat(blocked.getStatus()).isEqualTo(403);
        assertThat(blocked.getContentAsString()).contains("\"code\":\"PASSWORD_CHANGE_REQUIRED\"");
        assertThat(run(filter, "/engine-rest/task").getStatus()).isEqualTo(403);
        assertThat(run(filter, "/api/v1/me/password").getStatus()).isEqualTo(200);
        signIn(false);
        assertThat(run(filter, "/api/v1/cards").getStatus()).isEqualTo(200);
        SecurityContextHolder.clearContext();
        assertThat(run(filter, "/api/v1/cards").getStatus()).isEqualTo(200); // anonymous: the chain answers 401
    }

    @Test
    @DisplayName("SEC-01 session chain: the engine webapps /camunda wait for a required password change too; other paths are the screens' guard's")
    void sessionChain() throws Exception {
        boolean[] required = {true};
        var filter = new PasswordChangeRequiredFilter(antMatcher("/camunda/**"), () -> required[0]);
        assertThat(run(filter, "/camunda/app/cockpit/default/").getStatus()).isEqualTo(403);
        assertThat(run(filter, "/inbox").getStatus()).isEqualTo(200);
        required[0] = false;
        assertThat(run(filter, "/camunda/app/cockpit/default/").getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse run(PasswordChangeRequiredFilter filter, String path) throws Exception {
        var request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static void signIn(boolean mustChange) {
        var user = new CurrentUser("u1", "测试", "BJ-110105", RegionCode.of("110105"), Set.of(Role.ADMIN));
        var principal = new AppUserPrincipal(user, "{noop}x", true, mustChange);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
    }
}
