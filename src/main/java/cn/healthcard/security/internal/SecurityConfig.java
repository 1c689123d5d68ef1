package cn.healthcard.security.internal;

import cn.healthcard.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;


import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * Two entrances, one set of users:
 * <ul>
 *   <li>{@code /api/**} (integration API) and {@code /engine-rest/**} (Camunda REST): HTTP Basic, stateless,
 *   answers 401/403 as problem details. The engine REST API admits admins only; what they may call there (and through
 *   the webapps' {@code /camunda/api}) is narrowed by the workflow module's engine API allow-list, a servlet filter
 *   after this chain (docs/decisions/018-engine-lockdown.md). The e-card gateway
 *   ({@code POST /api/v1/ehc/gateway}) is open here: it authenticates apps by their signed envelope itself.</li>
 *   <li>Everything else: the Vaadin login page and session. Camunda's webapps under {@code /camunda} sit behind the
 *   same login (admins only) through Camunda's container-based authentication filter.</li>
 * </ul>
 * Role checks on the services themselves ({@code @PreAuthorize}) are the real gate; see docs/decisions/002-security.md.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain apiChain(HttpSecurity http, ApiClientAuthentication clients) throws Exception {
        var problems = new ProblemAuthenticationHandlers();
        // ant matchers: the engine REST API is a Jersey servlet, not a Spring MVC endpoint
        http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(
                        antMatcher("/api/**"), antMatcher("/engine-rest/**")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(antMatcher("/engine-rest/**")).hasRole("ADMIN")
                        // the e-card gateway authenticates apps by their signed envelope, not by a user (decision 015)
                        .requestMatchers(antMatcher(HttpMethod.POST, "/api/v1/ehc/gateway")).permitAll()
                        // machine clients also need the scope of the path's API group (decision 020)
                        .anyRequest().access(new ClientScopeAuthorization()))
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                // machine clients: bearer JWTs from /oauth2/token (the fast way), or Basic with id and secret
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.authenticationManager(clients.bearer()))
                        .authenticationEntryPoint(new OAuthServerConfig.BearerProblemEntryPoint())
                        .accessDeniedHandler(problems))
                .authenticationProvider(clients.basic())
                // a person who must change the password reaches only POST /api/v1/me/password (decision 024)
                .addFilterBefore(new PasswordChangeRequiredFilter(),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The in-app modeler's page (decision 033) calls {@code /api/v1/process-admin/**} and {@code /api/v1/modeler/**}
     * with the admin's Vaadin session, not with Basic credentials: requests there that carry a session cookie and no
     * {@code Authorization} header are authenticated by the session, ADMIN only, with Spring Security's CSRF check on
     * (the token the page fetched from {@code /modeler/csrf-token} in the session, header {@code X-CSRF-TOKEN}), and
     * answer 401/403 as problem details without a Basic challenge (no browser pop-up). Every other request to those
     * paths (Basic, bearer, no session) takes the API chain below as before. Disjoint from the authorization server's
     * chain (order 0 too). Creates no session: a request with a stale or made-up session cookie gets its 401/403
     * without a new session ({@link ExistingSessionCsrfTokens}).
     */
    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain browserApiChain(HttpSecurity http, UserAccountRepository accounts,
                                        JpaSignedInAccount signedInAccount,
                                        cn.healthcard.security.OwnPassword ownPassword) throws Exception {
        var problems = new ProblemAuthenticationHandlers(false);
        var paths = new org.springframework.security.web.util.matcher.OrRequestMatcher(
                antMatcher("/api/v1/process-admin/**"), antMatcher("/api/v1/modeler/**"));
        http.securityMatcher(request -> paths.matches(request) && request.getRequestedSessionId() != null
                        && request.getHeader(org.springframework.http.HttpHeaders.AUTHORIZATION) == null)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new SignedInAccountFilter(accounts, signedInAccount),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .addFilterBefore(new PasswordChangeRequiredFilter(request -> true, () -> ownPassword.changeRequired()),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // the CSRF token is the session's (the same attribute as the UI chain's), never a new session's
                .csrf(c -> c.csrfTokenRepository(new ExistingSessionCsrfTokens()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(c -> c.disable());
        return http.build();
    }

    /** The in-app modeler page's content security policy (decision 033). */
    static final String MODELER_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    /**
     * The browser API chain's CSRF tokens: the session's token, as the UI chain keeps it; a request without a session
     * (a stale or made-up cookie) gets a token that is never saved, so checking it creates no session.
     */
    static final class ExistingSessionCsrfTokens implements CsrfTokenRepository {
        private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

        @Override
        public CsrfToken generateToken(jakarta.servlet.http.HttpServletRequest request) {
            return sessions.generateToken(request);
        }

        @Override
        public void saveToken(CsrfToken token, jakarta.servlet.http.HttpServletRequest request,
                              jakarta.servlet.http.HttpServletResponse response) {
            if (request.getSession(false) != null) {
                sessions.saveToken(token, request, response);
            }
        }

        @Override
        public CsrfToken loadToken(jakarta.servlet.http.HttpServletRequest request) {
            return sessions.loadToken(request);
        }
    }

    /**
     * The web half of the security set-up (filter chains, login). Left out when the application runs without a web
     * server, e.g. for the {@code bin/audit} commands; the method security above stays on in every case.
     */
    @Configuration
    @Order(2)
    @ConditionalOnWebApplication
    @EnableWebSecurity
    static class UiSecurity extends VaadinWebSecurity {

        /** The OpenAPI document and Swagger UI without signing in (development); prod: signed-in users only. */
        @org.springframework.beans.factory.annotation.Value("${healthcard.api.docs-public:true}")
        boolean docsPublic;

        /** Whether the session's person must change the password first (decision 024). */
        @org.springframework.beans.factory.annotation.Autowired
        cn.healthcard.security.OwnPassword ownPassword;

        /** Every request of a session follows the account: changed roles, a disabled account (decision 024). */
        @org.springframework.beans.factory.annotation.Autowired
        UserAccountRepository accounts;
        @org.springframework.beans.factory.annotation.Autowired
        JpaSignedInAccount signedInAccount;

        @Override
        protected void configure(HttpSecurity http) throws Exception {
            var docs = new org.springframework.security.web.util.matcher.RequestMatcher[]{
                    antMatcher("/v3/api-docs/**"), antMatcher("/swagger-ui/**"), antMatcher("/swagger-ui.html")};
            http.authorizeHttpRequests(a -> {
                if (docsPublic) {
                    a.requestMatchers(docs).permitAll();
                } else {
                    a.requestMatchers(docs).authenticated();
                }
                a.requestMatchers(antMatcher("/actuator/health/**")).permitAll()
                        .requestMatchers(antMatcher("/camunda/**")).hasRole("ADMIN")
                        // the in-app BPMN modeler's static page and its CSRF token (decision 033)
                        .requestMatchers(antMatcher("/modeler/**")).hasRole("ADMIN");
            });
            // before anything is authorized: the session's identity as the account is now (decision 024)
            http.addFilterBefore(new SignedInAccountFilter(accounts, signedInAccount),
                    org.springframework.security.web.access.intercept.AuthorizationFilter.class);
            // the engine webapps, like every screen, wait until a required password change is made (decision 024)
            http.addFilterBefore(new PasswordChangeRequiredFilter(
                            new org.springframework.security.web.util.matcher.OrRequestMatcher(
                                    antMatcher("/camunda/**"), antMatcher("/modeler/**")),
                            () -> ownPassword.changeRequired()),
                    org.springframework.security.web.access.intercept.AuthorizationFilter.class);
            // Camunda's webapps carry their own CSRF protection.
            http.csrf(c -> c.ignoringRequestMatchers(antMatcher("/camunda/**")));
            // the modeler's page is framed by its Vaadin view (same origin); every other page may not be framed. The page
            // has no inline script: its policy admits only its own scripts, so content from a diagram cannot run
            var modelerPage = antMatcher("/modeler/**");
            http.headers(h -> h.frameOptions(f -> f.disable())
                    .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(modelerPage,
                            new StaticHeadersWriter("Content-Security-Policy", MODELER_CSP)))
                    .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(modelerPage,
                            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                    .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(modelerPage),
                            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))));
            super.configure(http);
            setLoginView(http, LoginView.class);
            // a locked account gets its own message on the login page (decision 019)
            http.formLogin(f -> f.failureHandler(LockoutConfig.loginFailureHandler()));
        }
    }

    /** 401 and 403 as RFC 9457 problem details for API clients. */
    static final class ProblemAuthenticationHandlers implements
            org.springframework.security.web.AuthenticationEntryPoint,
            org.springframework.security.web.access.AccessDeniedHandler {

        /** Whether a 401 asks for Basic credentials (API clients; not the browser's session calls). */
        private final boolean basicChallenge;

        ProblemAuthenticationHandlers() {
            this(true);
        }

        ProblemAuthenticationHandlers(boolean basicChallenge) {
            this.basicChallenge = basicChallenge;
        }

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
            if (basicChallenge) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"healthcard\"");
            }
            write(response, HttpStatus.UNAUTHORIZED, "需要登录 (authentication required)");
        }

        @Override
        public void handle(jakarta.servlet.http.HttpServletRequest request,
                           jakarta.servlet.http.HttpServletResponse response,
                           org.springframework.security.access.AccessDeniedException e) throws java.io.IOException {
            write(response, HttpStatus.FORBIDDEN, "无权执行此操作 (access denied)");
        }

        private static void write(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
                throws java.io.IOException {
            response.setStatus(status.value());
            // UTF-8 bytes, no charset parameter: the same content type as the problem details of the MVC layer
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                    + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
