package cn.healthcard.security.internal;

import cn.healthcard.institution.InstitutionService;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeSet;

/**
 * OAuth 2 client credentials for machine clients (decision 020): the authorization server's endpoints
 * ({@code POST /oauth2/token}, {@code GET /oauth2/jwks}, metadata) in their own filter chain ahead of the others, the
 * clients from {@code api_client}, RS256 access tokens signed with the key shared through the database and carrying
 * the client's identity, and the {@link JwtDecoder} of the API chain's resource server over the same keys in memory.
 */
@Configuration
@ConditionalOnWebApplication
class OAuthServerConfig {

    @Bean
    @Order(0)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
                                                 OAuth2AuthorizationService authorizations) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.registeredClientRepository(clients).authorizationService(authorizations))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new BearerProblemEntryPoint()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    ApiClientRegistrations registeredClientRepository(ApiClientRepository clients, InstitutionService institutions,
            @Value("${healthcard.oauth2.access-token-lifetime:PT5M}") Duration accessTokenLifetime) {
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()
                || accessTokenLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalStateException("healthcard.oauth2.access-token-lifetime must lie in (0, 1 h]: "
                    + accessTokenLifetime);
        }
        return new ApiClientRegistrations(clients, institutions, accessTokenLifetime);
    }

    @Bean
    ApiClientAuthentication apiClientAuthentication(ApiClientRepository clients, ApiClientRegistrations registrations,
                                                    PasswordEncoder encoder, JwtDecoder decoder,
                                                    ClientStatusCache statuses) {
        return new ApiClientAuthentication(clients, registrations, encoder, decoder, statuses);
    }

    @Bean
    OAuth2AuthorizationService oauth2AuthorizationService(RegisteredClientRepository clients,
                                                    ApplicationEventPublisher events,
                                                    TransactionTemplate transactions) {
        return new IssuedTokenAudit(clients, events, transactions);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        JWKSet keys = SigningKeys.load(jdbc, transactions, clock);
        return new ImmutableJWKSet<>(keys);
    }

    /** The API chain's decoder: RS256 signature with the keys in memory, expiry and not-before (60 s skew). */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${healthcard.oauth2.issuer:}") String issuer) {
        var settings = AuthorizationServerSettings.builder();
        if (!issuer.isBlank()) {
            settings.issuer(issuer);
        }
        return settings.build();
    }

    /**
     * The claims of a client's access token: {@code sub} and {@code client_id} the client id, its {@code name},
     * {@code institution} and {@code region}, the {@code scope}s — all of the client's when the request names none —
     * and, for information, the {@code roles} they give.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims() {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                    || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                return;
            }
            var registered = context.getRegisteredClient();
            var scopes = context.getAuthorizedScopes().isEmpty() ? registered.getScopes() : context.getAuthorizedScopes();
            MachineClient client = ApiClientRegistrations.machineClient(registered);
            context.getClaims()
                    .claim(ClientJwtAuthenticationConverter.CLIENT_ID, registered.getClientId())
                    .claim(ClientJwtAuthenticationConverter.NAME, registered.getClientName())
                    .claim(ClientJwtAuthenticationConverter.INSTITUTION, client.currentUser().institutionCode())
                    .claim(ClientJwtAuthenticationConverter.REGION, client.currentUser().region().value())
                    .claim("scope", new TreeSet<>(scopes))
                    .claim(ClientJwtAuthenticationConverter.ROLES, MachineClient.of(registered.getClientId(), null,
                            client.currentUser().institutionCode(), client.currentUser().region(), scopes)
                            .currentUser().roles().stream().map(Enum::name).sorted().toList());
        };
    }

    /** 401 as a problem detail for a bad or missing bearer token or client authentication. */
    static final class BearerProblemEntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException e) throws IOException {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"访问令牌无效或已过期 (invalid or expired access token)\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
