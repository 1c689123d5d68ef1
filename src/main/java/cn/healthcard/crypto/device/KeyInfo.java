package cn.healthcard.crypto.device;

import java.time.Instant;

/**
 * What the device tells about a stored key: metadata only, never key material.
 *
 * @param id         label and version
 * @param type       SM4 or SM2
 * @param usage      what the key may do
 * @param state      active, archived or destroyed
 * @param origin     generated, derived or imported
 * @param created    when it entered the device
 * @param checkValue the key check value (8 upper-case hex digits, see {@link CryptoDevice#keyCheckValue(KeyHandle)})
 */
public record KeyInfo(KeyId id, KeyType type, KeyUsage usage, KeyState state, KeyOrigin origin, Instant created,
                      String checkValue) {
}
