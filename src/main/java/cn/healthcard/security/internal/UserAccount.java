package cn.healthcard.security.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A person who signs in (decision 024 for the password fields and the version). */
@Entity
@Table(name = "app_user")
class UserAccount {

    @Id
    private String username;
    private String passwordHash;
    private String displayName;
    private String institutionCode;
    private boolean groupLead;
    private boolean enabled;
    /** Created by the demo data loader; the prod profile refuses to start while any exists. Exempt from expiry. */
    private boolean demo;
    /** Created by an admin, or its password reset by one: the next sign-in leads to the password change only. */
    private boolean mustChangePassword;
    private Instant passwordChangedAt;
    private Instant createdAt;
    private Instant updatedAt;
    /** Null until persisted, so that saving a new account persists it (not a merge of a copy). */
    @Version
    private Long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {
    }

    UserAccount(String username, String passwordHash, String displayName, String institutionCode,
                Set<Role> roles, boolean groupLead, boolean demo, boolean mustChangePassword, Instant now) {
        if (username == null || !username.matches("[a-zA-Z0-9]{1,64}")) {
            // the process engine's identity accepts letters and digits only
            throw new DomainValidationException("username", "「用户名」只能由字母和数字组成，至多64位");
        }
        checkRoles(roles);
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.institutionCode = institutionCode;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.groupLead = groupLead;
        this.enabled = true;
        this.demo = demo;
        this.mustChangePassword = mustChangePassword;
        this.passwordChangedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** SYSTEM and APP are machine identities: never a person's (a 400 naming the field). */
    static void checkRoles(Set<Role> roles) {
        if (roles.stream().anyMatch(Role::machineOnly)) {
            throw new DomainValidationException("roles", "「角色」不能包含系统或接入应用角色 (SYSTEM, APP)");
        }
    }

    void change(String displayName, Set<Role> roles, String institutionCode, boolean groupLead, Instant now) {
        checkRoles(roles);
        this.displayName = displayName;
        this.roles.clear();
        this.roles.addAll(roles);
        this.institutionCode = institutionCode;
        this.groupLead = groupLead;
        this.updatedAt = now;
    }

    void setEnabled(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    /** A new password hash: chosen by the user ({@code mustChange} false) or a temporary one from an admin. */
    void newPassword(String hash, boolean mustChange, Instant now) {
        this.passwordHash = hash;
        this.mustChangePassword = mustChange;
        this.passwordChangedAt = now;
        this.updatedAt = now;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    String displayName() {
        return displayName;
    }

    String institutionCode() {
        return institutionCode;
    }

    boolean groupLead() {
        return groupLead;
    }

    boolean enabled() {
        return enabled;
    }

    boolean demo() {
        return demo;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    long version() {
        return version == null ? 0 : version;
    }

    Set<Role> roles() {
        return roles;
    }
}
