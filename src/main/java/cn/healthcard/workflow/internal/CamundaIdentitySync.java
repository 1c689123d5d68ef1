package cn.healthcard.workflow.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAccountChanged;
import cn.healthcard.security.UserAdministration;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;

/**
 * Feeds the engine's identity tables from the application's users: each role is a Camunda group, each user a member
 * of their roles' groups. Passwords stay in the application (Camunda's webapps authenticate through Spring Security).
 * A user created, changed, disabled or re-enabled by an admin ({@link UserAccountChanged}, decision 024) gets the
 * memberships of their roles at once, in the same transaction: groups of roles taken away are left, a disabled user
 * is a member of no group (no candidate-group task is theirs any more), a re-enabled one gets them back.
 */
@Component
@Order(100)
class CamundaIdentitySync implements ApplicationRunner {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final UserAdministration users;
    /** Set once the start-up sync has made the groups (they are never deleted). */
    private volatile boolean groupsReady;

    CamundaIdentitySync(IdentityService identity, AuthorizationService authorizations, UserAdministration users) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureGroups();
        groupsReady = true;
        for (var u : users.all()) {
            if (identity.createUserQuery().userId(u.username()).count() == 0) {
                var user = identity.newUser(u.username());
                user.setFirstName(u.displayName());
                user.setLastName("");
                identity.saveUser(user);
            }
            for (Role role : u.roles()) {
                member(u.username(), role.groupId());
            }
            if (u.roles().contains(Role.ADMIN)) {
                member(u.username(), Groups.CAMUNDA_ADMIN);
            }
        }
    }

    @EventListener
    public void on(UserAccountChanged change) {
        if (!groupsReady) { // the first admin of an installation is created before the start-up sync (bin/admin)
            ensureGroups();
        }
        String username = change.username();
        var user = identity.createUserQuery().userId(username).singleResult();
        if (user == null) {
            user = identity.newUser(username);
            user.setLastName("");
        }
        user.setFirstName(change.displayName());
        identity.saveUser(user);
        Set<String> wanted = new HashSet<>();
        if (change.enabled()) {
            change.roles().stream().filter(r -> !r.machineOnly()).forEach(r -> wanted.add(r.groupId()));
            if (change.roles().contains(Role.ADMIN)) {
                wanted.add(Groups.CAMUNDA_ADMIN);
            }
        }
        Set<String> managed = new HashSet<>();
        for (Role role : Role.values()) {
            managed.add(role.groupId());
        }
        managed.add(Groups.CAMUNDA_ADMIN);
        for (var group : identity.createGroupQuery().groupMember(username).list()) {
            if (managed.contains(group.getId()) && !wanted.contains(group.getId())) {
                identity.deleteMembership(username, group.getId());
            }
        }
        wanted.forEach(groupId -> member(username, groupId));
    }

    /** camunda-admin with every permission, and one group per role. */
    private void ensureGroups() {
        // Camunda's webapps treat members of camunda-admin as engine administrators; without one they offer a
        // "create the first admin" set-up page. Our admins are its members.
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            var admins = identity.newGroup(Groups.CAMUNDA_ADMIN);
            admins.setName("流程引擎管理员");
            admins.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(admins);
        }
        // engine authorization checks are on (docs/decisions/018): camunda-admin holds every permission on every
        // resource, as Camunda's own first-admin set-up grants it. What admins may do over HTTP is narrowed by the
        // engine API allow-list, not here.
        for (Resource resource : Resources.values()) {
            if (authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource)
                    .resourceId(Authorization.ANY).count() == 0) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
        for (Role role : Role.values()) {
            if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
                var group = identity.newGroup(role.groupId());
                group.setName(role.nameZh());
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
        }
    }

    private void member(String username, String groupId) {
        if (identity.createUserQuery().userId(username).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(username, groupId);
        }
    }
}
