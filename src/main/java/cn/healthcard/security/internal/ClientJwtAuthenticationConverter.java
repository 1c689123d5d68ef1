package cn.healthcard.security.internal;

import cn.healthcard.common.RegionCode;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A verified access token (signature and expiry checked by the decoder, with the public keys in memory) as the
 * identity of its machine client (decision 020): client id, institution and region from the token's claims, the
 * roles from its scopes through the fixed table of {@link cn.healthcard.security.ApiScope} — a {@code roles} claim is
 * informative only and never trusted. Services see the same {@link cn.healthcard.security.CurrentUser} as for a
 * person signed in by HTTP Basic. A token of a client disabled since is refused (401) once {@link ClientStatusCache}
 * knows it; otherwise no database read per request.
 */
final class ClientJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String CLIENT_ID = "client_id";
    static final String INSTITUTION = "institution";
    static final String REGION = "region";
    static final String NAME = "name";
    static final String ROLES = "roles";

    private final ClientStatusCache statuses;

    ClientJwtAuthenticationConverter(ClientStatusCache statuses) {
        this.statuses = statuses;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String clientId = jwt.getClaimAsString(CLIENT_ID);
        String institution = jwt.getClaimAsString(INSTITUTION);
        String region = jwt.getClaimAsString(REGION);
        if (clientId == null || institution == null || region == null || !clientId.equals(jwt.getSubject())) {
            throw new InvalidBearerTokenException("not an access token of this platform");
        }
        if (!statuses.enabled(clientId)) {
            throw new InvalidBearerTokenException("client disabled");
        }
        RegionCode regionCode;
        try {
            regionCode = RegionCode.of(region);
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("not an access token of this platform");
        }
        MachineClient client = MachineClient.of(clientId, jwt.getClaimAsString(NAME), institution, regionCode,
                scopes(jwt.getClaims().get("scope")));
        return new ClientJwtAuthentication(jwt, client);
    }

    private static Set<String> scopes(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        if (claim instanceof String value && !value.isBlank()) {
            return Arrays.stream(value.trim().split("\\s+")).collect(Collectors.toSet());
        }
        return Set.of();
    }

    /** A bearer token's authentication whose principal is the {@link MachineClient}. */
    static final class ClientJwtAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

        ClientJwtAuthentication(Jwt jwt, MachineClient client) {
            super(jwt, client, jwt, client.authorities());
            setAuthenticated(true);
        }

        @Override
        public Map<String, Object> getTokenAttributes() {
            return getToken().getClaims();
        }

        @Override
        public String getName() {
            return ((MachineClient) getPrincipal()).getName();
        }
    }
}
