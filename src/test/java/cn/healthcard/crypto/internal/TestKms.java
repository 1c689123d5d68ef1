package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import java.security.SecureRandom;

/**
 * Plays the external key-management centre in tests: it knows a transport KEK, sends it to a device in an SM2
 * envelope to the device's transport key, and then hands the device known keys wrapped under that KEK — the only
 * ways known key material gets into a device.
 */
public final class TestKms {

    private final byte[] kek;
    private final String kekLabel;

    public TestKms(byte[] kek, String kekLabel) {
        this.kek = kek.clone();
        this.kekLabel = kekLabel;
    }

    /** Sends the KEK to {@code device} in an SM2 envelope; returns its id there. */
    KeyId shareKek(CryptoDevice device) {
        KeyId transport = device.currentKey(CryptoDevice.TRANSPORT_LABEL);
        byte[] envelope = device.sm2Encrypt(device.publicKey(transport), kek.clone());
        return device.importKeyEnvelope(transport, envelope, kekLabel).id();
    }

    /** The wrapped form of known key material, as the centre would send it. */
    WrappedKey wrap(KeyId kekOnDevice, KeyId id, KeyType type, KeyUsage usage, byte[] material) {
        return KeyWrap.wrap(kek, kekOnDevice, id, type, usage, material.clone(), new SecureRandom());
    }

    /** Shares the KEK if needed and imports known key material into {@code device}. */
    public KeyInfo importKey(CryptoDevice device, KeyId id, KeyType type, KeyUsage usage, byte[] material) {
        KeyId kekOnDevice = device.listKeys().stream().map(KeyInfo::id).filter(k -> k.label().equals(kekLabel))
                .findFirst().orElseGet(() -> shareKek(device));
        return device.importKey(wrap(kekOnDevice, id, type, usage, material), kekOnDevice);
    }

    /** The key check value of SM4 key material (first 4 bytes of SM4-ECB(key, 0¹²⁸), 8 hex digits). */
    public static String checkValue(byte[] material) {
        return Sm4.checkValue(material.clone());
    }
}
