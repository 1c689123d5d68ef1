package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The wrap of key components (format {@value KeyComponent#FORMAT}, decision 014): {@code iv || SM4-GCM(k, iv, aad,
 * component) || tag} with {@code aad = "HCKC1" ␟ label ␟ version ␟ usage ␟ keyCheckValue ␟ setId ␟ index ␟ count ␟
 * checkValue}, where {@code k} is a key-encryption key of the device or {@code PBKDF2-HMAC-SM3(secret, salt,
 * iterations)} of the custodian's secret.
 */
final class ComponentWrap {

    /** PBKDF2 iterations for a custodian's secret: about 0.1 s on one core, per hand-over or presentation. */
    static final int SECRET_ITERATIONS = 100_000;

    /** The shortest custodian secret the device accepts. */
    static final int MIN_SECRET_LENGTH = 8;

    private static final char SEPARATOR = '\u001F';

    private ComponentWrap() {
    }

    /** What a component is, before it is wrapped. */
    record Meta(KeyId key, KeyUsage usage, String keyCheckValue, String setId, int index, int count) {
        static Meta of(KeyComponent c) {
            return new Meta(c.key(), c.usage(), c.keyCheckValue(), c.setId(), c.index(), c.count());
        }
    }

    /** Wraps 16 component bytes under a KEK of the device. */
    static KeyComponent underKek(byte[] kek, KeyId kekId, Meta meta, byte[] component, SecureRandom random) {
        String checkValue = Sm4.checkValue(component);
        return new KeyComponent(meta.key(), meta.usage(), meta.keyCheckValue(), meta.setId(), meta.index(),
                meta.count(), checkValue, new KeyComponent.UnderKek(kekId, Sm4.checkValue(kek)),
                seal(kek, aad(meta, checkValue), component, random));
    }

    /** Wraps 16 component bytes under a key derived from {@code secret} with a fresh salt. */
    static KeyComponent underSecret(char[] secret, Meta meta, byte[] component, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] key = secretKey(secret, salt, SECRET_ITERATIONS);
        try {
            String checkValue = Sm4.checkValue(component);
            return new KeyComponent(meta.key(), meta.usage(), meta.keyCheckValue(), meta.setId(), meta.index(),
                    meta.count(), checkValue, new KeyComponent.UnderSecret(salt, SECRET_ITERATIONS),
                    seal(key, aad(meta, checkValue), component, random));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The 16 component bytes, unwrapped under {@code wrappingKey} (a KEK, or the key of a custodian's secret) and
     * checked against the component's check value; the caller erases them.
     *
     * @throws CryptoException if they do not authenticate or do not have their check value
     */
    static byte[] unwrap(byte[] wrappingKey, KeyComponent component, String failure) {
        byte[] ciphertext = component.ciphertext();
        if (ciphertext.length != Sm4.GCM_IV_BYTES + Sm4.BLOCK_SIZE + Sm4.GCM_TAG_BYTES) {
            throw new CryptoException("Component " + component.index() + " of " + component.count() + " of "
                    + component.key() + " has the wrong length");
        }
        byte[] material;
        try {
            material = Sm4.decryptGcm(wrappingKey, Arrays.copyOf(ciphertext, Sm4.GCM_IV_BYTES),
                    aad(Meta.of(component), component.checkValue()),
                    Arrays.copyOfRange(ciphertext, Sm4.GCM_IV_BYTES, ciphertext.length));
        } catch (CryptoException e) {
            throw new CryptoException("Component " + component.index() + " of " + component.count() + " of "
                    + component.key() + " (set " + component.setId() + ") " + failure, e);
        }
        if (!Sm4.checkValue(material).equals(component.checkValue())) {
            Arrays.fill(material, (byte) 0);
            throw new CryptoException("Component " + component.index() + " of " + component.key()
                    + " does not have its check value " + component.checkValue());
        }
        return material;
    }

    /** {@code PBKDF2-HMAC-SM3(secret as UTF-8, salt, iterations)}, 16 bytes. */
    static byte[] secretKey(char[] secret, byte[] salt, int iterations) {
        if (secret == null || secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("A custodian's secret has at least " + MIN_SECRET_LENGTH + " characters");
        }
        byte[] password = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(secret);
        try {
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SM3Digest());
            generator.init(password, salt, iterations);
            return ((KeyParameter) generator.generateDerivedParameters(Sm4.BLOCK_SIZE * 8)).getKey();
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] seal(byte[] key, byte[] aad, byte[] component, SecureRandom random) {
        if (component.length != Sm4.BLOCK_SIZE) {
            throw new IllegalArgumentException("A key component has 16 bytes, not " + component.length);
        }
        byte[] iv = new byte[Sm4.GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = Sm4.encryptGcm(key, iv, aad, component);
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    private static byte[] aad(Meta meta, String checkValue) {
        return String.join(String.valueOf(SEPARATOR), KeyComponent.FORMAT, meta.key().label(),
                Integer.toString(meta.key().version()), meta.usage().name(), meta.keyCheckValue(), meta.setId(),
                Integer.toString(meta.index()), Integer.toString(meta.count()), checkValue)
                .getBytes(StandardCharsets.UTF_8);
    }
}
