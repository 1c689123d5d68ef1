package cn.healthcard.keys;

import java.util.List;

/**
 * What a key administrator asks a key ceremony to do (form {@code forms/key-ceremony.form}).
 *
 * @param operation  generate, update, back up or recover
 * @param purpose    the key's purpose (not for a recovery: the backup names the key)
 * @param level      1, 2 or 3 (not for a recovery)
 * @param regionCode the province ({@code XX0000}) of a level-2 key, the city ({@code XXXX00}) of a level-3 key
 * @param keyVersion the version to back up; the current one when null
 * @param backupId   the backup to recover from (the id of its backup ceremony)
 * @param custodians the key administrators who each take one component of a backup (2 or 3, all different)
 * @param reason     why (事由), for the co-signer and the audit log
 */
public record CeremonyRequest(KeyOperation operation, KeyPurpose purpose, KeyLevel level, String regionCode,
                              Integer keyVersion, String backupId, List<String> custodians, String reason) {

    public CeremonyRequest {
        custodians = custodians == null ? List.of() : List.copyOf(custodians);
    }
}
