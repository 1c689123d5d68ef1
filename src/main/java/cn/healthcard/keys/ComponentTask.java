package cn.healthcard.keys;

/**
 * What a custodian sees on the task to take a component into custody or to present it: the key and the component by
 * number and check value, never the component itself.
 */
public record ComponentTask(String ceremonyId, KeyOperation operation, String keyLabel, int keyVersion,
                            String keyCheckValue, String backupId, int index, int count, String custodian,
                            String componentCheckValue) {
}
