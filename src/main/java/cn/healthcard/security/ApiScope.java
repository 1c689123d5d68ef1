package cn.healthcard.security;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API groups a machine client (OAuth 2 client credentials, decision 020) may be granted, as OAuth 2 scopes, each
 * with the paths of {@code /api/v1} it opens and the one role it gives the client's identity for the services'
 * {@code @PreAuthorize} checks. Only front-office roles are ever granted ({@link Role#CLERK}, read-only
 * {@link Role#AUDITOR}): never a reviewer, administrator, key administrator, production or warehouse role, and never
 * {@link Role#SYSTEM} or {@link Role#APP} ({@link #GRANTABLE_ROLES}). Keys, clients, users and the engine have no
 * scope: no client reaches them.
 */
public enum ApiScope {
    /** 申领: submit applications, read their status and pick-up receipts. */
    CARD_APPLICATIONS("card-applications", Role.CLERK, "/api/v1/card-applications/**"),
    /** Card status, uses and PIN locks reported by terminals, the blacklist for offline terminals. */
    CARDS("cards", Role.CLERK, "/api/v1/cards", "/api/v1/cards/{cardNo}", "/api/v1/cards/{cardNo}/uses",
            "/api/v1/cards/{cardNo}/pin-locks", "/api/v1/blacklist"),
    /** 挂失, 解挂, 解锁, 补换, 注销 requests, a card's history, request statistics. */
    LIFECYCLE("lifecycle", Role.CLERK, "/api/v1/cards/{cardNo}/loss-reports", "/api/v1/cards/{cardNo}/unloss-requests",
            "/api/v1/cards/{cardNo}/unlock-requests", "/api/v1/cards/{cardNo}/replacement-requests",
            "/api/v1/cards/{cardNo}/cancellation-requests", "/api/v1/cards/{cardNo}/history",
            "/api/v1/card-requests/**", "/api/v1/statistics/card-requests"),
    /** The electronic health card: registration, QR codes, verification, master index. */
    EHC("ehc", Role.CLERK, "/api/v1/ehc/**"),
    /**
     * 备案: a manufacturer's client (bound to its manufacturer, decision 025) applies for product filings, reads,
     * completes and withdraws its own, downloads their attachments.
     */
    FILING("filing", Role.CLERK, "/api/v1/filings", "/api/v1/filings/{id}", "/api/v1/filings/{id}/resubmission",
            "/api/v1/filings/{id}/withdrawal", "/api/v1/filing-attachments/{id}", "/api/v1/filing-manufacturers",
            "/api/v1/filing-manufacturers/{id}"),
    /** The audit trail, read-only (an auditing system of another level). */
    AUDIT("audit", Role.AUDITOR, "/api/v1/audit/**", "/api/v1/cards/{cardNo}/timeline"),
    /**
     * 监管统计, read-only (an upper level's system, issue #16, decision 036): the supervision numbers and the cases
     * behind them, scoped to the client's region; not the exports.
     */
    STATISTICS("statistics", Role.AUDITOR, "/api/v1/statistics/production", "/api/v1/statistics/issuing",
            "/api/v1/statistics/issuing/cases", "/api/v1/statistics/usage", "/api/v1/statistics/assessment",
            "/api/v1/statistics/overview", "/api/v1/statistics/applications", "/api/v1/statistics/series/{measure}",
            "/api/v1/statistics/dashboard");

    /** The only roles a scope may grant. */
    public static final Set<Role> GRANTABLE_ROLES = EnumSet.of(Role.CLERK, Role.AUDITOR);


    private final String value;
    private final Role role;
    private final List<PathPattern> paths;

    ApiScope(String value, Role role, String... paths) {
        this.value = value;
        this.role = role;
        this.paths = Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** The scope as the OAuth 2 {@code scope} parameter and claim carry it. */
    public String value() {
        return value;
    }

    /** The role the scope gives the client's identity. */
    public Role role() {
        return role;
    }

    /** The Spring Security authority of the scope, {@code SCOPE_<value>}. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<ApiScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** The roles of a set of scopes (unknown scope names give nothing). */
    public static Set<Role> roles(java.util.Collection<String> scopes) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        scopes.forEach(s -> of(s).map(ApiScope::role).filter(GRANTABLE_ROLES::contains).ifPresent(roles::add));
        return roles;
    }

    /** Whether a request path lies in one of the given scopes' API groups. */
    public static boolean allows(java.util.Collection<String> scopes, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (ApiScope scope : values()) {
            if (scopes.contains(scope.value) && scope.paths.stream().anyMatch(p -> p.matches(container))) {
                return true;
            }
        }
        return false;
    }
}
