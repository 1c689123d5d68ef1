package cn.healthcard.institution;

import cn.healthcard.common.RegionCode;

import java.util.Optional;

/**
 * Who is calling the register: the port through which the security module (which depends on this one, so this one
 * cannot depend on it) tells the register the caller's name and region for scoping (ORG-05). Roles are checked with
 * {@code @PreAuthorize} on the service.
 */
public interface InstitutionCaller {

    /** The signed-in person, app or the system; empty when nobody is signed in. */
    Optional<Caller> current();

    /** @param region the caller sees and manages this region and those below it */
    record Caller(String username, RegionCode region) {
    }
}
