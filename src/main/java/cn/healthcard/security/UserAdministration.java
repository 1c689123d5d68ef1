package cn.healthcard.security;

import java.util.List;
import java.util.Set;

/** Users and their roles for set-up, demo data and the engine's identity; admins manage users with {@link UserManagement}. */
public interface UserAdministration {

    /** Creates the user unless the username exists. {@code demo} users make the prod profile refuse to start. */
    void createIfAbsent(String username, String rawPassword, String displayName, String institutionCode,
                        Set<Role> roles, boolean groupLead, boolean demo);

    /** Every enabled user with roles, for the process engine's identity (roles are Camunda groups). */
    List<UserSummary> all();

    record UserSummary(String username, String displayName, Set<Role> roles) {
    }
}
