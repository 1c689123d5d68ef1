package cn.healthcard.security.internal;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How a machine client authenticates on {@code /api/**} (decision 020).
 * <ul>
 *   <li>{@link #bearer()}: the access token, verified with the signing keys in memory and turned into the client's
 *   identity by {@link ClientJwtAuthenticationConverter}. Its own authentication manager, which publishes no
 *   authentication events: a failed token is answered 401 and not written to the audit log (the event would name the
 *   token).</li>
 *   <li>{@link #basic()}: HTTP Basic with the client's id and secret, kept so scripts and older integrations work
 *   unchanged, at the price of one password-hash check per request — the bearer token is the fast way. It abstains
 *   for a name that is no client, so a person's sign-in costs no extra hash check.</li>
 * </ul>
 * Not a Spring bean of type {@link AuthenticationProvider} (that would replace the users' provider of the global
 * authentication manager): the API chain adds {@link #basic()} before the users'.
 */
class ApiClientAuthentication {

    private final ApiClientRepository clients;
    private final ApiClientRegistrations registrations;
    private final PasswordEncoder encoder;
    private final JwtDecoder decoder;
    private final ClientStatusCache statuses;

    ApiClientAuthentication(ApiClientRepository clients, ApiClientRegistrations registrations,
                            PasswordEncoder encoder, JwtDecoder decoder, ClientStatusCache statuses) {
        this.clients = clients;
        this.registrations = registrations;
        this.encoder = encoder;
        this.decoder = decoder;
        this.statuses = statuses;
    }

    AuthenticationManager bearer() {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new ClientJwtAuthenticationConverter(statuses));
        return new ProviderManager(provider);
    }

    AuthenticationProvider basic() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String name = authentication.getName();
                var client = name == null ? null : clients.findById(name).orElse(null);
                if (client == null) {
                    return null; // not a client: the users' provider decides
                }
                Object credentials = authentication.getCredentials();
                if (!client.enabled() || credentials == null
                        || !encoder.matches(credentials.toString(), client.secretHash())) {
                    throw new BadCredentialsException("bad client credentials");
                }
                MachineClient principal = registrations.machineClient(client);
                return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
