package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key wrap of format {@value WrappedKey#FORMAT} (decision 011): {@code iv || SM4-GCM(kek, iv, aad, key) || tag}
 * with a random 12-byte IV and {@code aad = "HCWK1" ␟ label ␟ version ␟ type ␟ usage ␟ checkValue}, so that the
 * ciphertext authenticates together with what the key is. An external key-management centre produces the same format
 * to hand keys to the device.
 */
final class KeyWrap {

    private static final char SEPARATOR = '\u001F';

    private KeyWrap() {
    }

    /** Wraps {@code material} (16 bytes for SM4, the 32-byte private key for SM2) under {@code kek}. */
    static WrappedKey wrap(byte[] kek, KeyId kekId, KeyId id, KeyType type, KeyUsage usage, byte[] material,
                           SecureRandom random) {
        requireLength(type, material.length);
        String checkValue = checkValue(type, material);
        byte[] iv = new byte[Sm4.GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = Sm4.encryptGcm(kek, iv, aad(id, type, usage, checkValue), material);
        byte[] ciphertext = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, ciphertext, 0, iv.length);
        System.arraycopy(sealed, 0, ciphertext, iv.length, sealed.length);
        return new WrappedKey(id, type, usage, checkValue, kekId, Sm4.checkValue(kek), ciphertext);
    }

    /**
     * Unwraps {@code wrapped} under {@code kek} and checks the length and check value of the key.
     *
     * @throws CryptoException if it does not authenticate (another KEK, altered metadata or ciphertext) or the check
     *                         value differs
     */
    static byte[] unwrap(byte[] kek, WrappedKey wrapped) {
        byte[] ciphertext = wrapped.ciphertext();
        if (ciphertext.length < Sm4.GCM_IV_BYTES + Sm4.GCM_TAG_BYTES) {
            throw new CryptoException("The wrapped key " + wrapped.id() + " is too short");
        }
        byte[] material;
        try {
            material = Sm4.decryptGcm(kek, Arrays.copyOf(ciphertext, Sm4.GCM_IV_BYTES),
                    aad(wrapped.id(), wrapped.type(), wrapped.usage(), wrapped.checkValue()),
                    Arrays.copyOfRange(ciphertext, Sm4.GCM_IV_BYTES, ciphertext.length));
        } catch (CryptoException e) {
            throw new CryptoException("The wrapped key " + wrapped.id() + " does not unwrap: another KEK, or its "
                    + "metadata or ciphertext was altered", e);
        }
        try {
            requireLength(wrapped.type(), material.length);
            if (!checkValue(wrapped.type(), material).equals(wrapped.checkValue())) {
                throw new CryptoException("The wrapped key " + wrapped.id() + " does not have its declared check value");
            }
        } catch (RuntimeException e) {
            Arrays.fill(material, (byte) 0);
            throw e instanceof CryptoException ce ? ce : new CryptoException(e.getMessage(), e);
        }
        return material;
    }

    /** The check value of key material of {@code type}. */
    static String checkValue(KeyType type, byte[] material) {
        return type == KeyType.SM4 ? Sm4.checkValue(material) : Sm2.checkValue(Sm2.publicKey(material));
    }

    private static void requireLength(KeyType type, int length) {
        int expected = type == KeyType.SM4 ? Sm4.BLOCK_SIZE : Sm2.PRIVATE_KEY_BYTES;
        if (length != expected) {
            throw new IllegalArgumentException("An " + type + " key has " + expected + " bytes, not " + length);
        }
    }

    private static byte[] aad(KeyId id, KeyType type, KeyUsage usage, String checkValue) {
        return String.join(String.valueOf(SEPARATOR), WrappedKey.FORMAT, id.label(), Integer.toString(id.version()),
                type.name(), usage.name(), checkValue).getBytes(StandardCharsets.UTF_8);
    }
}
