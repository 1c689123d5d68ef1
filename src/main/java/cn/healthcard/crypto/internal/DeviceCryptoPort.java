package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyState;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@link CryptoPort} on the crypto device (decision 017): the personal-data and blind-index keys are device keys
 * ({@link KeyRef#label()}), so this class never sees key material. Ciphertexts name their key version in a 6-byte
 * header {@code "HCP1" || version (unsigned 16 bits, big-endian)}, authenticated as the GCM additional data; a
 * ciphertext without it is legacy (before decision 017) and decrypts under version 1, the key imported from the old
 * configuration. A legacy ciphertext whose random IV happens to start with the header's magic is still read: when
 * the header reading does not authenticate, the legacy reading is tried. Thread-safe.
 */
final class DeviceCryptoPort implements CryptoPort {

    private static final byte[] MAGIC = {'H', 'C', 'P', '1'};
    static final int HEADER_BYTES = MAGIC.length + 2;
    private static final int MAX_VERSION = 0xFFFF;
    private static final int LEGACY_VERSION = 1;

    private final CryptoDevice device;

    DeviceCryptoPort(CryptoDevice device) {
        this.device = device;
    }

    @Override
    public byte[] sm3(byte[] data) {
        return device.sm3(data);
    }

    @Override
    public byte[] hmacSm3(KeyRef key, byte[] data) {
        return device.hmacSm3(device.currentKey(key.label()), data);
    }

    @Override
    public byte[] encrypt(KeyRef key, byte[] plaintext) {
        KeyId current = device.currentKey(key.label());
        if (current.version() > MAX_VERSION) {
            throw new CryptoException("The key " + current + " has a version above " + MAX_VERSION);
        }
        byte[] header = header(current.version());
        byte[] sealed = device.sm4EncryptGcm(current, header, plaintext);
        byte[] out = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
        return out;
    }

    @Override
    public byte[] decrypt(KeyRef key, byte[] ciphertext) {
        KeyId legacy = new KeyId(key.label(), LEGACY_VERSION);
        if (hasHeader(ciphertext)) {
            KeyId named = new KeyId(key.label(), version(ciphertext));
            if (held(named)) {
                try {
                    return device.sm4DecryptGcm(named, Arrays.copyOf(ciphertext, HEADER_BYTES),
                            Arrays.copyOfRange(ciphertext, HEADER_BYTES, ciphertext.length));
                } catch (CryptoException e) {
                    if (!held(legacy)) {
                        throw e;
                    }
                    // perhaps a legacy ciphertext whose random IV starts like a header: read it as legacy below
                }
            } else if (!held(legacy)) {
                throw new CryptoException("The data was encrypted under " + named + ", which the crypto device does "
                        + "not hold (or holds destroyed)");
            }
        }
        return device.sm4DecryptGcm(legacy, null, ciphertext);
    }

    @Override
    public int currentVersion(KeyRef key) {
        return device.currentKey(key.label()).version();
    }

    @Override
    public int keyVersion(KeyRef key, byte[] ciphertext) {
        return hasHeader(ciphertext) ? version(ciphertext) : LEGACY_VERSION;
    }

    @Override
    public boolean usesDemoKeys() {
        return PersonalDataKeys.usesDemoKeys(device);
    }

    private boolean held(KeyId key) {
        return device.keyInfo(key).filter(info -> info.state() != KeyState.DESTROYED).isPresent();
    }

    private static byte[] header(int version) {
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putShort((short) version).array();
    }

    private static boolean hasHeader(byte[] ciphertext) {
        return ciphertext.length >= HEADER_BYTES && Arrays.equals(ciphertext, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                && version(ciphertext) >= 1;
    }

    private static int version(byte[] ciphertext) {
        return ((ciphertext[MAGIC.length] & 0xFF) << 8) | (ciphertext[MAGIC.length + 1] & 0xFF);
    }
}
