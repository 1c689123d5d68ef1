package cn.healthcard.crypto.internal;

import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Raw SM4 (GB/T 32907) in ECB mode without padding, over whole 16-byte blocks: the primitive behind the e-card ID
 * derivation (design §5) and the known-answer self-test of {@link BouncyCastleCryptoAdapter}.
 */
final class Sm4 {

    /** The SM4 block and key size in bytes. */
    static final int BLOCK_SIZE = 16;

    private Sm4() {
    }

    /** Encrypts {@code data}, whose length must be a multiple of 16, block by block under a 16-byte key. */
    static byte[] encryptEcb(byte[] key, byte[] data) {
        return process(true, key, data);
    }

    /** Decrypts {@code data}, whose length must be a multiple of 16, block by block under a 16-byte key. */
    static byte[] decryptEcb(byte[] key, byte[] data) {
        return process(false, key, data);
    }

    private static byte[] process(boolean encrypt, byte[] key, byte[] data) {
        if (key.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("An SM4 key has 16 bytes, not " + key.length);
        }
        if (data.length % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("SM4-ECB without padding needs whole 16-byte blocks, not " + data.length + " bytes");
        }
        SM4Engine engine = new SM4Engine();
        engine.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[data.length];
        for (int offset = 0; offset < data.length; offset += BLOCK_SIZE) {
            engine.processBlock(data, offset, out, offset);
        }
        return out;
    }
}
