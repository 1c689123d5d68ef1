package cn.healthcard.security;

import cn.healthcard.common.RegionCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The machine identities (decision 002, 015): SYSTEM and APP are never a person's; an app's identity is APP only. */
class MachineRolesTest {

    @Test
    @DisplayName("SEC-01 EHC-06 only SYSTEM and APP are machine roles, which no stored user can carry")
    void machineRoles() {
        assertThat(Arrays.stream(Role.values()).filter(Role::machineOnly)).containsExactlyInAnyOrder(Role.SYSTEM,
                Role.APP);
    }

    @Test
    @DisplayName("EHC-06 the gateway runs a request as the app (role APP, its region) and restores the caller afterwards; an identity without APP or with SYSTEM is refused")
    void runAsApp() {
        var app = new CurrentUser("app:hc1", "测试应用", null, RegionCode.of("110000"), Set.of(Role.APP));
        CurrentUser seen = SecurityContextUsers.runAsApp(app, SecurityContextUsers::require);
        assertThat(seen).isEqualTo(app);
        assertThat(SecurityContextUsers.current()).isEmpty();
        assertThatThrownBy(() -> SecurityContextUsers.runAsApp(new CurrentUser("x", "x", null, RegionCode.NATIONAL,
                Set.of(Role.CLERK)), () -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityContextUsers.runAsApp(new CurrentUser("x", "x", null, RegionCode.NATIONAL,
                Set.of(Role.APP, Role.SYSTEM)), () -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
