/**
 * Users and roles, login, lockout and throttling, HTTP Basic and OAuth 2 bearer tokens for machine clients, region
 * scope of the current user, production safety checks.
 *
 * <p>Roles, users ({@code app_user}), login page, the filter chains (Vaadin session; {@code /api} and {@code
 * /engine-rest} with HTTP Basic or an OAuth 2 bearer JWT — {@code /engine-rest} ADMIN only, narrowed by the workflow
 * module's allow-list, decision 018; the authorization server's {@code /oauth2/token} and {@code /oauth2/jwks} for
 * machine clients, {@code api_client}, scopes → roles, decision 020), sign-in lockout in {@code login_failure} and
 * per-address throttling (decision 019), Camunda webapp SSO, {@code CurrentUser} with the region scope, the prod
 * safety and transport checks; user administration within the admin's region with the password policy, the forced
 * change, the two-person rule for key administrators and auditors and {@code bin/admin create-first-admin}
 * (decision 024)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "security 安全",
        allowedDependencies = {"common", "crypto", "institution"})
package cn.healthcard.security;
