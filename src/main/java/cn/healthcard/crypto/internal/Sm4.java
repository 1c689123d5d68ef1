package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Raw SM4 (GB/T 32907) on key bytes: ECB and CBC without padding over whole 16-byte blocks, GCM, the key
 * diversification rule of the health card key system and the key check value. The primitives behind the software
 * device and its known-answer self-test, and the e-card ID derivation (design §5).
 */
final class Sm4 {

    /** The SM4 block and key size in bytes. */
    static final int BLOCK_SIZE = 16;

    /** The GCM IV length used throughout (the recommended 96 bits). */
    static final int GCM_IV_BYTES = 12;

    /** The GCM tag length in bytes. */
    static final int GCM_TAG_BYTES = 16;

    private Sm4() {
    }

    /** Encrypts {@code data}, whose length must be a multiple of 16, block by block under a 16-byte key. */
    static byte[] encryptEcb(byte[] key, byte[] data) {
        return ecb(true, key, data);
    }

    /** Decrypts {@code data}, whose length must be a multiple of 16, block by block under a 16-byte key. */
    static byte[] decryptEcb(byte[] key, byte[] data) {
        return ecb(false, key, data);
    }

    /** SM4-CBC without padding under a 16-byte IV; {@code data} must be whole blocks. */
    static byte[] encryptCbc(byte[] key, byte[] iv, byte[] data) {
        return cbc(true, key, iv, data);
    }

    /** Reverses {@link #encryptCbc}. */
    static byte[] decryptCbc(byte[] key, byte[] iv, byte[] data) {
        return cbc(false, key, iv, data);
    }

    /** SM4-GCM with a 128-bit tag: {@code ciphertext || tag}. */
    static byte[] encryptGcm(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        GCMModeCipher cipher = gcm(true, key, iv, aad);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int length = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4-GCM encryption failed", e);
        }
        return out;
    }

    /**
     * Reverses {@link #encryptGcm}.
     *
     * @throws CryptoException if the ciphertext or the additional data does not authenticate under {@code key}
     */
    static byte[] decryptGcm(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < GCM_TAG_BYTES) {
            throw new CryptoException("SM4-GCM ciphertext is too short: " + ciphertextAndTag.length + " bytes");
        }
        GCMModeCipher cipher = gcm(false, key, iv, aad);
        byte[] out = new byte[cipher.getOutputSize(ciphertextAndTag.length)];
        int length = cipher.processBytes(ciphertextAndTag, 0, ciphertextAndTag.length, out, 0);
        try {
            cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new CryptoException("SM4-GCM ciphertext does not authenticate: wrong key or altered data", e);
        }
        return out;
    }

    /**
     * The diversification rule of the health card key system (design §5): {@code child = SM4-ECB(parent, f || ~f)}
     * for 8 bytes of diversification data {@code f}. It gives the e-card user key from the root key and one level of
     * the key hierarchy from the level above.
     */
    static byte[] diversify(byte[] parent, byte[] f) {
        if (f.length != BLOCK_SIZE / 2) {
            throw new IllegalArgumentException("Diversification data has 8 bytes, not " + f.length);
        }
        byte[] block = new byte[BLOCK_SIZE];
        for (int i = 0; i < f.length; i++) {
            block[i] = f[i];
            block[i + f.length] = (byte) ~f[i];
        }
        return encryptEcb(parent, block);
    }

    /** The key check value: the first 4 bytes of {@code SM4-ECB(key, 0^16)} as 8 upper-case hex digits. */
    static String checkValue(byte[] key) {
        return HexFormat.of().withUpperCase().formatHex(encryptEcb(key, new byte[BLOCK_SIZE]), 0, 4);
    }

    private static byte[] ecb(boolean encrypt, byte[] key, byte[] data) {
        requireKey(key);
        requireBlocks(data, "SM4-ECB");
        SM4Engine engine = new SM4Engine();
        engine.init(encrypt, new KeyParameter(key));
        return blocks(engine, data);
    }

    private static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        requireKey(key);
        requireBlocks(data, "SM4-CBC");
        if (iv == null || iv.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("An SM4-CBC IV has 16 bytes, not " + (iv == null ? "none" : iv.length));
        }
        CBCModeCipher cipher = CBCBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return blocks(cipher, data);
    }

    private static byte[] blocks(BlockCipher cipher, byte[] data) {
        byte[] out = new byte[data.length];
        for (int offset = 0; offset < data.length; offset += BLOCK_SIZE) {
            cipher.processBlock(data, offset, out, offset);
        }
        return out;
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad) {
        requireKey(key);
        if (iv == null || iv.length != GCM_IV_BYTES) {
            throw new IllegalArgumentException("An SM4-GCM IV has 12 bytes here, not " + (iv == null ? "none" : iv.length));
        }
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), GCM_TAG_BYTES * 8, iv, aad));
        return cipher;
    }

    private static void requireKey(byte[] key) {
        if (key.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("An SM4 key has 16 bytes, not " + key.length);
        }
    }

    private static void requireBlocks(byte[] data, String mode) {
        if (data.length % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException(mode + " without padding needs whole 16-byte blocks, not " + data.length + " bytes");
        }
    }
}
