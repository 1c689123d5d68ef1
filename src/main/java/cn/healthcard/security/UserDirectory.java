package cn.healthcard.security;

import java.util.Optional;

/** Looks up people by organisational position, e.g. for escalations. */
public interface UserDirectory {

    /** The lead of the given role's group at an institution (e.g. the supervisors' group lead). */
    Optional<String> groupLead(String institutionCode, Role role);

    /** A user's name as printed on documents (e.g. 经办人 on a receipt); the username if unknown. */
    String displayName(String username);

    /** Whether an enabled user of that name works at the institution and holds the role. */
    boolean holds(String username, String institutionCode, Role role);
}
