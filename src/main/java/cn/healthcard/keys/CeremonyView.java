package cn.healthcard.keys;

import java.time.Instant;
import java.util.List;

/**
 * A key ceremony: what was asked, by whom, who co-signed, and what came of it. Names, versions and check values only.
 *
 * @param keyLabel    the key's label ({@code hc.app-data-read.110000})
 * @param keyVersion  the version backed up or recovered, or made by a generation or update once it ran
 * @param custodians  usernames of the custodians, in component order
 * @param outcome     what happened, or why it failed
 * @param components  the components of a backup (custody) or of a recovery (presentation), in order
 */
public record CeremonyView(String id, KeyOperation operation, KeyPurpose purpose, KeyLevel level, String regionCode,
                           String regionName, String keyLabel, Integer keyVersion, String keyCheckValue,
                           String backupId, List<String> custodians, List<String> custodianNames, String reason,
                           CeremonyStatus status, String initiatedBy, String initiatedByName, Instant initiatedAt,
                           String cosignedBy, String cosignedByName, Instant cosignedAt, String cosignComment,
                           String outcome, Instant completedAt, List<ComponentView> components) {

    /** {@code label vN}, or the label alone before a generation ran. */
    public String keyRef() {
        return keyVersion == null ? keyLabel : keyLabel + " v" + keyVersion;
    }

    /**
     * One component of a backup or a recovery.
     *
     * @param status     PENDING (made, not yet taken into custody), HELD (sealed under its custodian's secret),
     *                   PRESENTED (opened for a recovery), UNAVAILABLE (its custodian could not present it)
     * @param checkValue the component's check value, for the custodian's record
     */
    public record ComponentView(int index, int count, String custodian, String custodianName, String status,
                                String checkValue, Instant at) {
    }
}
