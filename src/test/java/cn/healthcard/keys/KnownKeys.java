package cn.healthcard.keys;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Independent of the application's crypto code (BouncyCastle directly): SM4, the diversification rule, the key check
 * value, and the HCWK1 wrap of decision 011 — so tests can put known keys into a device and take keys out of it
 * under a KEK only the test knows, and compare with what the application computed.
 */
public final class KnownKeys {

    public static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] kek;
    private final String kekLabel;

    public KnownKeys(byte[] kek, String kekLabel) {
        this.kek = kek.clone();
        this.kekLabel = kekLabel;
    }

    /** Sends the test's KEK to {@code device} in an SM2 envelope to its transport key; returns its id there. */
    public KeyId shareKek(CryptoDevice device) {
        KeyId transport = device.currentKey(CryptoDevice.TRANSPORT_LABEL);
        byte[] envelope = device.sm2Encrypt(device.publicKey(transport), kek.clone());
        return device.importKeyEnvelope(transport, envelope, kekLabel).id();
    }

    /** Imports known key material into {@code device} wrapped under the test's KEK. */
    public KeyInfo importKey(CryptoDevice device, KeyId kekOnDevice, KeyId id, KeyUsage usage, byte[] material) {
        String checkValue = checkValue(material);
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        byte[] sealed = gcm(true, kek, iv, aad(id, KeyType.SM4, usage, checkValue), material);
        byte[] ciphertext = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, ciphertext, 0, iv.length);
        System.arraycopy(sealed, 0, ciphertext, iv.length, sealed.length);
        return device.importKey(new WrappedKey(id, KeyType.SM4, usage, checkValue, kekOnDevice, checkValue(kek),
                ciphertext), kekOnDevice);
    }

    /** The material of a key the device exported under the test's KEK. */
    public byte[] unwrap(WrappedKey wrapped) {
        byte[] ciphertext = wrapped.ciphertext();
        return gcm(false, kek, Arrays.copyOf(ciphertext, 12),
                aad(wrapped.id(), wrapped.type(), wrapped.usage(), wrapped.checkValue()),
                Arrays.copyOfRange(ciphertext, 12, ciphertext.length));
    }

    /** {@code SM4-ECB(key, block)} for one block. */
    public static byte[] sm4(byte[] key, byte[] block) {
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        engine.processBlock(block, 0, out, 0);
        return out;
    }

    /** {@code SM4-ECB(parent, f || ~f)}. */
    public static byte[] diversify(byte[] parent, byte[] f) {
        byte[] block = new byte[16];
        for (int i = 0; i < 8; i++) {
            block[i] = f[i];
            block[i + 8] = (byte) ~f[i];
        }
        return sm4(parent, block);
    }

    /** The first 4 bytes of {@code SM4-ECB(key, 0^16)}, upper-case hex. */
    public static String checkValue(byte[] key) {
        return HEX.formatHex(sm4(key, new byte[16]), 0, 4);
    }

    private static byte[] aad(KeyId id, KeyType type, KeyUsage usage, String checkValue) {
        return String.join("\u001F", "HCWK1", id.label(), Integer.toString(id.version()), type.name(), usage.name(),
                checkValue).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad, byte[] data) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv, aad));
        byte[] out = new byte[cipher.getOutputSize(data.length)];
        int n = cipher.processBytes(data, 0, data.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
