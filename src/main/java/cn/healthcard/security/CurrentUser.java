package cn.healthcard.security;

import cn.healthcard.common.RegionCode;

import java.util.List;
import java.util.Set;

/**
 * The person (or the system) on whose behalf the current request runs, with the institution and region that scope
 * what they may see: their own region and the regions below it (ORG-05).
 */
public record CurrentUser(String username, String displayName, String institutionCode, RegionCode region,
                          Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether a record of the given region is within this user's administrative scope. */
    public boolean canSee(String regionCode) {
        return region.covers(RegionCode.of(regionCode));
    }

    /** Role names as Camunda group ids. */
    public List<String> groupIds() {
        return roles.stream().map(Role::groupId).sorted().toList();
    }
}
