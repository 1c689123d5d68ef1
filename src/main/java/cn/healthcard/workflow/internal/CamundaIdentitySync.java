package cn.healthcard.workflow.internal;

import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Feeds the engine's identity tables from the application's users: each role is a Camunda group, each user a member
 * of their roles' groups. Passwords stay in the application (Camunda's webapps authenticate through Spring Security).
 */
@Component
@Order(100)
class CamundaIdentitySync implements ApplicationRunner {

    private final IdentityService identity;
    private final UserAdministration users;

    CamundaIdentitySync(IdentityService identity, UserAdministration users) {
        this.identity = identity;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Role role : Role.values()) {
            if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
                var group = identity.newGroup(role.groupId());
                group.setName(role.nameZh());
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
        }
        for (var u : users.all()) {
            if (identity.createUserQuery().userId(u.username()).count() == 0) {
                var user = identity.newUser(u.username());
                user.setFirstName(u.displayName());
                user.setLastName("");
                identity.saveUser(user);
            }
            for (Role role : u.roles()) {
                if (identity.createUserQuery().userId(u.username()).memberOfGroup(role.groupId()).count() == 0) {
                    identity.createMembership(u.username(), role.groupId());
                }
            }
        }
    }
}
