package cn.healthcard.keys;

import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;

import java.time.Instant;
import java.util.List;

/**
 * A key of the hierarchy as the key screens show it: metadata from the crypto device (the authority on versions,
 * states and check values) and from the key registry (who made it, from which parent). Never key material.
 *
 * @param parent     the parent key's label and version ({@code hc.app-data-read.root v1}), null for a root
 * @param ceremonyId the key ceremony that made this version, null when the registry does not know it
 * @param custodians display names of the custodians of the newest completed backup of this version; empty if none
 */
public record KeyView(String label, int version, KeyPurpose purpose, KeyLevel level, String regionCode,
                      String regionName, KeyState state, KeyOrigin origin, String checkValue, Instant created,
                      String parent, String ceremonyId, String createdBy, String approvedBy, List<String> custodians,
                      String backupId) {
}
