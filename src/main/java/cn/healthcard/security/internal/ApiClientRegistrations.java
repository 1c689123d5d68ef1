package cn.healthcard.security.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.Optional;

/**
 * The authorization server's view of the {@code api_client} table (decision 020): an enabled client as a
 * {@link RegisteredClient} — client credentials grant only, {@code client_secret_basic} (and {@code client_secret_post}),
 * self-contained (JWT) access tokens of the configured lifetime — with its institution and region in the client
 * settings for the token customizer. A disabled or unknown client is not found, so the token endpoint answers
 * {@code 401 invalid_client}. Clients are registered through {@link JpaApiClientAdministration}, never here.
 */
class ApiClientRegistrations implements RegisteredClientRepository {

    static final String INSTITUTION = "healthcard.institution";
    static final String REGION = "healthcard.region";
    static final String NAME = "healthcard.name";

    private final ApiClientRepository clients;
    private final InstitutionService institutions;
    private final Duration accessTokenLifetime;

    ApiClientRegistrations(ApiClientRepository clients, InstitutionService institutions, Duration accessTokenLifetime) {
        this.clients = clients;
        this.institutions = institutions;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are registered through ApiClientAdministration");
    }

    @Override
    @Transactional(readOnly = true)
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    @Transactional(readOnly = true)
    public RegisteredClient findByClientId(String clientId) {
        return enabled(clientId).map(this::registered).orElse(null);
    }

    /** The enabled client of this id with its institution. */
    Optional<ApiClient> enabled(String clientId) {
        return clientId == null ? Optional.empty() : clients.findById(clientId).filter(ApiClient::enabled);
    }

    /** The identity the client acts with: its institution and region, the roles of its scopes. */
    MachineClient machineClient(ApiClient client) {
        Institution institution = institutions.get(client.institutionCode());
        return MachineClient.of(client.clientId(), client.name(), institution.code(), institution.region(),
                client.scopes());
    }

    static MachineClient machineClient(RegisteredClient registered) {
        ClientSettings settings = registered.getClientSettings();
        return MachineClient.of(registered.getClientId(), settings.getSetting(NAME), settings.getSetting(INSTITUTION),
                RegionCode.of(settings.getSetting(REGION)), registered.getScopes());
    }

    private RegisteredClient registered(ApiClient client) {
        Institution institution = institutions.get(client.institutionCode());
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientName(client.name())
                .clientSecret(client.secretHash())
                .clientIdIssuedAt(client.createdAt())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder()
                        .setting(INSTITUTION, institution.code())
                        .setting(REGION, institution.region().value())
                        .setting(NAME, client.name())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(accessTokenLifetime)
                        .build())
                .build();
    }
}
