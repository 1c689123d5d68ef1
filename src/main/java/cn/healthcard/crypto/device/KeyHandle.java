package cn.healthcard.crypto.device;

/**
 * A symmetric key inside the device, by reference: a stored key ({@link KeyId}) or a key the device derives on the fly
 * ({@link DerivedKey}). No handle carries key material.
 */
public sealed interface KeyHandle permits KeyId, DerivedKey {
}
