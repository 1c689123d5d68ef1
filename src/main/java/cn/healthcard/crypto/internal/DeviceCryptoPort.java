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
 * header {@code magic || version (unsigned 16 bits, big-endian)}: magic {@code "HCP2"} (decision 022) is bound to its
 * place — the GCM additional data is the header followed by the caller's binding (table, column, row) — while
 * {@code "HCP1"} (decision 017, additional data the header alone) and a ciphertext without header (legacy, before
 * decision 017, version 1) are unbound and still read. A legacy ciphertext whose random IV happens to start like a
 * header is still read: when the header reading does not authenticate, the legacy reading is tried. Thread-safe.
 */
final class DeviceCryptoPort implements CryptoPort {

    private static final byte[] MAGIC_UNBOUND = {'H', 'C', 'P', '1'};
    private static final byte[] MAGIC_BOUND = {'H', 'C', 'P', '2'};
    private static final int MAGIC_BYTES = 4;
    static final int HEADER_BYTES = MAGIC_BYTES + 2;
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
    public byte[] encrypt(KeyRef key, byte[] plaintext, byte[] binding) {
        if (binding == null || binding.length == 0) {
            throw new IllegalArgumentException("Personal data is encrypted bound to its place (decision 022)");
        }
        KeyId current = device.currentKey(key.label());
        if (current.version() > MAX_VERSION) {
            throw new CryptoException("The key " + current + " has a version above " + MAX_VERSION);
        }
        byte[] header = header(MAGIC_BOUND, current.version());
        byte[] sealed = device.sm4EncryptGcm(current, additionalData(header, binding), plaintext);
        byte[] out = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
        return out;
    }

    @Override
    public byte[] decrypt(KeyRef key, byte[] ciphertext, byte[] binding) {
        KeyId legacy = new KeyId(key.label(), LEGACY_VERSION);
        if (hasHeader(ciphertext)) {
            KeyId named = new KeyId(key.label(), version(ciphertext));
            if (held(named)) {
                byte[] header = Arrays.copyOf(ciphertext, HEADER_BYTES);
                try {
                    return device.sm4DecryptGcm(named, isBound(ciphertext) ? additionalData(header, binding) : header,
                            Arrays.copyOfRange(ciphertext, HEADER_BYTES, ciphertext.length));
                } catch (CryptoException e) {
                    if (!held(legacy)) {
                        throw e;
                    }
                    try { // perhaps a legacy ciphertext whose random IV starts like a header
                        return device.sm4DecryptGcm(legacy, null, ciphertext);
                    } catch (CryptoException notLegacy) {
                        throw e;
                    }
                }
            } else if (!held(legacy)) {
                throw new CryptoException("The data was encrypted under " + named + ", which the crypto device does "
                        + "not hold (or holds destroyed)");
            }
        }
        return device.sm4DecryptGcm(legacy, null, ciphertext);
    }

    @Override
    public boolean isBound(byte[] ciphertext) {
        return hasHeader(ciphertext) && Arrays.equals(ciphertext, 0, MAGIC_BYTES, MAGIC_BOUND, 0, MAGIC_BYTES);
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

    private static byte[] header(byte[] magic, int version) {
        return ByteBuffer.allocate(HEADER_BYTES).put(magic).putShort((short) version).array();
    }

    private static byte[] additionalData(byte[] header, byte[] binding) {
        if (binding == null || binding.length == 0) {
            throw new CryptoException("A bound ciphertext (HCP2) is read only with the binding of its place");
        }
        return ByteBuffer.allocate(header.length + binding.length).put(header).put(binding).array();
    }

    private static boolean hasHeader(byte[] ciphertext) {
        return ciphertext.length >= HEADER_BYTES
                && (Arrays.equals(ciphertext, 0, MAGIC_BYTES, MAGIC_UNBOUND, 0, MAGIC_BYTES)
                    || Arrays.equals(ciphertext, 0, MAGIC_BYTES, MAGIC_BOUND, 0, MAGIC_BYTES))
                && version(ciphertext) >= 1;
    }

    private static int version(byte[] ciphertext) {
        return ((ciphertext[MAGIC_BYTES] & 0xFF) << 8) | (ciphertext[MAGIC_BYTES + 1] & 0xFF);
    }
}
