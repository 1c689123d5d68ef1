package cn.healthcard.security.internal;

import cn.healthcard.security.ApiTokenIssued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization server's {@link OAuth2AuthorizationService}: access tokens are self-contained JWTs, checked by
 * signature and expiry alone, so nothing is stored (the stock in-memory service would keep every token issued, a
 * leak; a database table would cost a write per token and is only needed for revocation and introspection, which the
 * short lifetime replaces — decision 020). What it does keep is the audit entry of each token issued
 * ({@link ApiTokenIssued}, actor the client), written in its own transaction.
 */
class IssuedTokenAudit implements OAuth2AuthorizationService {

    private final RegisteredClientRepository clients;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    IssuedTokenAudit(RegisteredClientRepository clients, ApplicationEventPublisher events,
                     TransactionTemplate transactions) {
        this.clients = clients;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        var registered = clients.findById(authorization.getRegisteredClientId());
        var token = authorization.getAccessToken();
        if (registered == null || token == null) {
            return;
        }
        MachineClient client = ApiClientRegistrations.machineClient(registered);
        String detail = "签发访问令牌，有效至 " + token.getToken().getExpiresAt() + " 范围 "
                + String.join(" ", new java.util.TreeSet<>(token.getToken().getScopes().isEmpty()
                ? registered.getScopes() : token.getToken().getScopes()));
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(client, null, client.authorities()));
        SecurityContextHolder.setContext(context);
        try {
            transactions.executeWithoutResult(status -> events.publishEvent(new ApiTokenIssued(
                    registered.getClientId(), client.currentUser().region().value(), detail)));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // nothing stored
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
