package cn.healthcard.security.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserManagement;
import cn.healthcard.security.UserManagement.NewUser;
import cn.healthcard.security.UserManagement.Outcome;
import cn.healthcard.security.UserManagement.PendingChange;
import cn.healthcard.security.UserManagement.UserChange;
import cn.healthcard.security.UserManagement.UserFilter;
import cn.healthcard.security.UserManagement.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * User administration (SEC-01, decision 024): ADMIN, within the admin's region (another region's user is 404).
 * Changes under the two-person rule (KEY_ADMIN, AUDITOR) answer 202 with the pending change; a second admin approves
 * or rejects it under {@code /pending-changes}. Temporary passwords are shown once, never cached.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "用户管理 / user administration (admins)")
@SecurityRequirement(name = "basic")
class UserController {

    private final UserManagement users;

    UserController(UserManagement users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Users of your region", description = "Filters: name (part of username or display name), "
            + "role, institutionCode, status ENABLED or DISABLED.")
    List<UserView> list(@RequestParam(required = false) String name, @RequestParam(required = false) String role,
                        @RequestParam(required = false) String institutionCode,
                        @RequestParam(required = false) String status) {
        if (name != null && name.length() > 100) {
            throw new DomainValidationException("name", "「姓名」至多100字");
        }
        if (institutionCode != null && institutionCode.length() > 32) {
            throw new DomainValidationException("institutionCode", "「机构」至多32位");
        }
        Boolean enabled = null;
        if (status != null && !status.isBlank()) {
            if (!Set.of("ENABLED", "DISABLED").contains(status.trim())) {
                throw new DomainValidationException("status", "「状态」为 ENABLED 或 DISABLED");
            }
            enabled = "ENABLED".equals(status.trim());
        }
        Role r = role == null || role.isBlank() ? null : roles(Set.of(role), "role").iterator().next();
        return users.users(new UserFilter(name, r, institutionCode, enabled));
    }

    @GetMapping("/{username}")
    @Operation(summary = "One user (404 outside your region)")
    UserView user(@PathVariable String username) {
        return users.user(username);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a user with a temporary password (shown once; changed at the first sign-in)",
            description = "username: 3–64 letters or digits; roles: CLERK SUPERVISOR PRODUCTION WAREHOUSE AUDITOR "
                    + "ADMIN KEY_ADMIN (never SYSTEM or APP). 201 with temporaryPassword; 202 with the pending change "
                    + "when a role is KEY_ADMIN or AUDITOR (two-person rule); 400 names each bad field; 409 USER_EXISTS.")
    ResponseEntity<Outcome> create(@RequestBody UserRequest body) {
        Outcome outcome = users.create(new NewUser(body.username(), body.displayName(), body.institutionCode(),
                roles(body.roles(), "roles"), Boolean.TRUE.equals(body.groupLead())));
        if (outcome.awaitsApproval()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{u}")
                        .buildAndExpand(outcome.user().username()).toUri())
                .cacheControl(CacheControl.noStore()).body(outcome);
    }

    @PutMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change display name, roles, institution and group lead",
            description = "version as last read: 409 STALE_VERSION when another admin changed the user meanwhile. "
                    + "202 with the pending change when KEY_ADMIN or AUDITOR is granted or removed.")
    ResponseEntity<Outcome> modify(@PathVariable String username, @RequestBody UserRequest body) {
        if (body.version() == null) {
            throw new DomainValidationException("version", "「版本」必填（读取用户时得到的 version）");
        }
        Outcome outcome = users.modify(username, body.version(), new UserChange(body.displayName(),
                roles(body.roles(), "roles"), body.institutionCode(), Boolean.TRUE.equals(body.groupLead())));
        return ResponseEntity.status(outcome.awaitsApproval() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(outcome);
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Disable a user (not yourself); 202 when two-person rule applies")
    ResponseEntity<Outcome> disable(@PathVariable String username) {
        Outcome outcome = users.disable(username);
        return ResponseEntity.status(outcome.awaitsApproval() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(outcome);
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "Re-enable a user; 202 when two-person rule applies")
    ResponseEntity<Outcome> enable(@PathVariable String username) {
        Outcome outcome = users.enable(username);
        return ResponseEntity.status(outcome.awaitsApproval() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(outcome);
    }

    @PostMapping("/{username}/password-reset")
    @Operation(summary = "Reset a user's password: a temporary one, shown in this answer only, changed at the next "
            + "sign-in", description = "202 with the pending change for a key administrator or auditor: the approving "
            + "admin gets the temporary password.")
    ResponseEntity<Outcome> resetPassword(@PathVariable String username) {
        Outcome outcome = users.resetPassword(username);
        return ResponseEntity.status(outcome.awaitsApproval() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .cacheControl(CacheControl.noStore()).body(outcome);
    }

    @GetMapping("/pending-changes")
    @Operation(summary = "Changes waiting for a second admin (two-person rule), within your region")
    List<PendingChange> pending() {
        return users.pendingChanges();
    }

    @PostMapping("/pending-changes/{id}/approve")
    @Operation(summary = "Approve and apply a pending change (not your own: 409 TWO_PERSON_RULE)",
            description = "A created user's temporary password comes in this answer only.")
    ResponseEntity<Outcome> approve(@PathVariable String id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(users.approve(id));
    }

    @PostMapping(path = "/pending-changes/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reject a pending change with a reason; nothing changes")
    PendingChange reject(@PathVariable String id, @RequestBody RejectRequest body) {
        return users.reject(id, body.reason());
    }

    /** Role names as given; an unknown one is a 400 naming the field. */
    static Set<Role> roles(Set<String> names, String field) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            return roles;
        }
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name == null ? "" : name.trim()));
            } catch (IllegalArgumentException e) {
                throw new DomainValidationException(field, "「角色」取值为 CLERK SUPERVISOR PRODUCTION WAREHOUSE "
                        + "AUDITOR ADMIN KEY_ADMIN");
            }
        }
        return roles;
    }

    record UserRequest(String username, String displayName, String institutionCode, Set<String> roles,
                       Boolean groupLead, Long version) {
    }

    record RejectRequest(String reason) {
    }
}
