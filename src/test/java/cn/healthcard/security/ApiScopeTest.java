package cn.healthcard.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scopes of machine clients (decision 020): which API groups they open and the one role each gives. */
class ApiScopeTest {

    @Test
    @DisplayName("SEC-01 a scope gives only CLERK or AUDITOR: never a reviewer, administrator, key, production or warehouse role, never SYSTEM or APP")
    void rolesAreBounded() {
        assertThat(ApiScope.GRANTABLE_ROLES).containsExactlyInAnyOrder(Role.CLERK, Role.AUDITOR);
        assertThat(ApiScope.GRANTABLE_ROLES).noneMatch(Role::machineOnly);
        assertThat(Arrays.stream(ApiScope.values()).map(ApiScope::role)).allMatch(ApiScope.GRANTABLE_ROLES::contains);
        Set<String> all = Set.of("card-applications", "cards", "lifecycle", "ehc", "audit", "keys", "admin", "SYSTEM");
        assertThat(ApiScope.roles(all)).containsExactlyInAnyOrder(Role.CLERK, Role.AUDITOR);
        assertThat(ApiScope.roles(Set.of("ehc"))).containsExactly(Role.CLERK);
        assertThat(ApiScope.roles(Set.of())).isEmpty();
    }

    @Test
    @DisplayName("SEC-01 each scope opens its API group only; keys, clients, users and the engine are in no group")
    void pathsPerGroup() {
        assertThat(ApiScope.allows(Set.of("cards"), "/api/v1/cards/110105000000000001")).isTrue();
        assertThat(ApiScope.allows(Set.of("cards"), "/api/v1/blacklist")).isTrue();
        assertThat(ApiScope.allows(Set.of("cards"), "/api/v1/cards/110105000000000001/loss-reports")).isFalse();
        assertThat(ApiScope.allows(Set.of("lifecycle"), "/api/v1/cards/110105000000000001/loss-reports")).isTrue();
        assertThat(ApiScope.allows(Set.of("lifecycle"), "/api/v1/cards/110105000000000001")).isFalse();
        assertThat(ApiScope.allows(Set.of("card-applications"), "/api/v1/card-applications")).isTrue();
        assertThat(ApiScope.allows(Set.of("card-applications"), "/api/v1/card-applications/SQ1/pickup-receipt")).isTrue();
        assertThat(ApiScope.allows(Set.of("ehc"), "/api/v1/ehc/verifications")).isTrue();
        assertThat(ApiScope.allows(Set.of("ehc"), "/api/v1/cards/1")).isFalse();
        assertThat(ApiScope.allows(Set.of("audit"), "/api/v1/cards/1/timeline")).isTrue();
        assertThat(ApiScope.allows(Set.of("cards"), "/api/v1/cards/1/timeline")).isFalse();
        // supervision statistics (issue #16): the numbers, not the exports nor another group's statistics
        assertThat(ApiScope.allows(Set.of("statistics"), "/api/v1/statistics/issuing")).isTrue();
        assertThat(ApiScope.allows(Set.of("statistics"), "/api/v1/statistics/series/APPLIED")).isTrue();
        assertThat(ApiScope.allows(Set.of("statistics"), "/api/v1/statistics/exports/1/file")).isFalse();
        assertThat(ApiScope.allows(Set.of("statistics"), "/api/v1/statistics/card-requests")).isFalse();
        assertThat(ApiScope.roles(Set.of("statistics"))).containsExactly(Role.AUDITOR);
        Set<String> every = Set.of("card-applications", "cards", "lifecycle", "ehc", "audit");
        for (String closed : List.of("/api/v1/keys", "/api/v1/keys/personal-data/versions", "/api/v1/key-ceremonies/1",
                "/api/v1/clients", "/api/v1/clients/x/secret", "/engine-rest/task", "/api/v1/users")) {
            assertThat(ApiScope.allows(every, closed)).as(closed).isFalse();
        }
    }
}
