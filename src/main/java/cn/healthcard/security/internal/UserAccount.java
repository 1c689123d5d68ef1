package cn.healthcard.security.internal;

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

import java.util.EnumSet;
import java.util.Set;

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
    /** Created by the demo data loader; the prod profile refuses to start while any exists. */
    private boolean demo;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {
    }

    UserAccount(String username, String passwordHash, String displayName, String institutionCode,
                Set<Role> roles, boolean groupLead, boolean demo) {
        if (username == null || !username.matches("[a-zA-Z0-9]{1,64}")) {
            // the process engine's identity accepts letters and digits only
            throw new cn.healthcard.common.DomainValidationException("username", "「用户名」只能由字母和数字组成");
        }
        if (roles.contains(Role.SYSTEM)) {
            throw new IllegalArgumentException("the SYSTEM role is not given to people");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.institutionCode = institutionCode;
        this.roles = EnumSet.copyOf(roles);
        this.groupLead = groupLead;
        this.enabled = true;
        this.demo = demo;
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

    Set<Role> roles() {
        return roles;
    }
}
