package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.stereotype.Component;

/**
 * A software {@link CryptoPort} on the BouncyCastle lightweight API, with the keys of {@link CryptoProperties}.
 * Runs SM3 and SM4 known-answer tests when created and refuses to start if they fail. Thread-safe.
 */
@Component
public class BouncyCastleCryptoAdapter implements CryptoPort {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;

    private final Map<KeyRef, KeyParameter> keys = new EnumMap<>(KeyRef.class);
    private final SecureRandom random = new SecureRandom();

    public BouncyCastleCryptoAdapter(CryptoProperties properties) {
        selfTest();
        keys.put(KeyRef.PERSONAL_DATA, new KeyParameter(HexFormat.of().parseHex(properties.personalDataKey())));
        keys.put(KeyRef.BLIND_INDEX, new KeyParameter(HexFormat.of().parseHex(properties.blindIndexKey())));
    }

    @Override
    public byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    public byte[] hmacSm3(KeyRef key, byte[] data) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(keys.get(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    @Override
    public byte[] encrypt(KeyRef key, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        GCMModeCipher cipher = gcm(true, key, iv);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + cipher.getOutputSize(plaintext.length));
        int length = cipher.processBytes(plaintext, 0, plaintext.length, out, IV_BYTES);
        try {
            cipher.doFinal(out, IV_BYTES + length);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4-GCM encryption failed", e);
        }
        return out;
    }

    @Override
    public byte[] decrypt(KeyRef key, byte[] ciphertext) {
        if (ciphertext.length < IV_BYTES + TAG_BYTES) {
            throw new CryptoException("SM4-GCM ciphertext is too short: " + ciphertext.length + " bytes");
        }
        GCMModeCipher cipher = gcm(false, key, Arrays.copyOf(ciphertext, IV_BYTES));
        byte[] out = new byte[cipher.getOutputSize(ciphertext.length - IV_BYTES)];
        int length = cipher.processBytes(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES, out, 0);
        try {
            cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4-GCM ciphertext does not authenticate: wrong key or altered data", e);
        }
        return out;
    }

    private GCMModeCipher gcm(boolean encrypt, KeyRef key, byte[] iv) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(keys.get(key), TAG_BITS, iv));
        return cipher;
    }

    /** Known-answer tests of GB/T 32905 (SM3) and GB/T 32907 (SM4), run before any key is used. */
    private void selfTest() {
        HexFormat hex = HexFormat.of();
        byte[] sm4Key = hex.parseHex("0123456789abcdeffedcba9876543210");
        boolean sm3Ok = hex.formatHex(sm3("abc".getBytes(StandardCharsets.US_ASCII)))
                .equals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        boolean sm4Ok = hex.formatHex(Sm4.encryptEcb(sm4Key, sm4Key)).equals("681edf34d206965e86b3e94f536e4246");
        if (!sm3Ok || !sm4Ok) {
            throw new IllegalStateException("SM3/SM4 known-answer self-test failed: the crypto provider is broken");
        }
    }
}
