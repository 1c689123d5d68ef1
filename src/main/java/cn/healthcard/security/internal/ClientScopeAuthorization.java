package cn.healthcard.security.internal;

import cn.healthcard.security.ApiScope;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.function.Supplier;

/**
 * The URL rule of the API chain (decision 020): a person needs to be authenticated (their roles are checked by the
 * services); a machine client — by bearer token or HTTP Basic — also needs a scope whose API group holds the path
 * ({@link ApiScope}), else 403. Paths in no group (keys, clients, the engine REST API) are closed to every client.
 */
final class ClientScopeAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    @SuppressWarnings("deprecation")
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        if (auth.getPrincipal() instanceof MachineClient client) {
            var request = context.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return new AuthorizationDecision(ApiScope.allows(client.scopes(), path));
        }
        return new AuthorizationDecision(true);
    }
}
