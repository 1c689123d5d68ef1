package cn.healthcard.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * User administration for admins (SEC-01, docs/decisions/024-user-administration.md): create, change, disable and
 * re-enable users and reset their passwords, within the admin's region (a user's region is their institution's,
 * ORG-05: a user above or beside the admin's region is "not found"). A user is created at, or moved to, an active
 * institution only (409 {@code INSTITUTION_CANCELLED}). A person never holds {@link Role#SYSTEM} or
 * {@link Role#APP}. An admin cannot disable herself nor take her own ADMIN role away. Every change of an account that
 * holds or will hold one of the {@link #TWO_PERSON_ROLES} ({@link Role#ADMIN}, {@link Role#KEY_ADMIN},
 * {@link Role#AUDITOR}) — create, any modify, disable, enable, password reset — follows the two-person rule: it
 * becomes a {@link PendingChange} that a second admin of the region, neither the requester nor the user concerned,
 * approves or rejects; nothing changes before. ADMIN is among them because one admin could otherwise create a second
 * admin account, sign in as it and approve her own requests. Every change
 * is audited ({@link UserAccountChanged}, {@link UserPasswordChanged}, {@link UserChangeRequested},
 * {@link UserChangeDecided}).
 */
public interface UserManagement {

    /** The roles under the two-person rule (decision 024). */
    Set<Role> TWO_PERSON_ROLES = Set.of(Role.ADMIN, Role.KEY_ADMIN, Role.AUDITOR);

    /** Users of the admin's region matching the filter, by username. */
    List<UserView> users(UserFilter filter);

    UserView user(String username);

    /**
     * Creates a user with a temporary password to be changed at the first sign-in. With a two-person role the user
     * is not created: the answer carries the pending change instead (the approver gets the temporary password).
     */
    Outcome create(NewUser user);

    /** Changes display name, roles, institution and group lead; {@code version} as last read (409 when stale). */
    Outcome modify(String username, long version, UserChange change);

    Outcome disable(String username);

    Outcome enable(String username);

    /**
     * A new temporary password, shown once; the user must change it at the next sign-in. For a key administrator or
     * auditor a pending change: the approving admin gets the temporary password.
     */
    Outcome resetPassword(String username);

    /** Pending changes of the admin's region (oldest first). */
    List<PendingChange> pendingChanges();

    /**
     * A second admin (neither the requester nor the user concerned: 409 {@code TWO_PERSON_RULE}) applies a pending
     * change; a created user's temporary password comes back.
     */
    Outcome approve(String changeId);

    /** A second admin (or the requester, withdrawing it) rejects a pending change; nothing changes. */
    PendingChange reject(String changeId, String reason);

    record UserFilter(String name, Role role, String institutionCode, Boolean enabled) {
        public static UserFilter all() {
            return new UserFilter(null, null, null, null);
        }
    }

    record NewUser(String username, String displayName, String institutionCode, Set<Role> roles, boolean groupLead) {
    }

    record UserChange(String displayName, Set<Role> roles, String institutionCode, boolean groupLead) {
    }

    record UserView(String username, String displayName, String institutionCode, String regionCode, Set<Role> roles,
                    boolean groupLead, boolean enabled, boolean mustChangePassword, Instant passwordChangedAt,
                    boolean demo, long version) {
    }

    /**
     * What an operation did: applied at once ({@code user}, and for a creation its {@code temporaryPassword}) or
     * waiting for a second admin ({@code pending}).
     */
    record Outcome(UserView user, String temporaryPassword, PendingChange pending) {
        public boolean awaitsApproval() {
            return pending != null;
        }
    }

    enum ChangeKind { CREATE, MODIFY, DISABLE, ENABLE, RESET_PASSWORD }

    enum ChangeStatus { PENDING, APPROVED, REJECTED }

    record PendingChange(String id, String username, ChangeKind kind, String summary, String regionCode,
                         ChangeStatus status, String requestedBy, Instant requestedAt, String decidedBy,
                         Instant decidedAt, String reason) {
    }
}
