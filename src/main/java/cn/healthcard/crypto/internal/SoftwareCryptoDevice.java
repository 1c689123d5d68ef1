package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyHandle;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software {@link CryptoDevice} on BouncyCastle (decision 011): every key is kept sealed (SM4-GCM) under a master
 * key from configuration, in the database that every node of a deployment reads ({@link DatabaseKeystore}; the
 * application's device) or in a keystore file of one process ({@link SoftwareKeystore}; tests and tools). A key is opened on first use and then held in this process's memory,
 * as an HSM holds its keys in its own; each operation works on a copy that is erased after it.
 * On first start it creates its key-encryption key {@value CryptoDevice#KEK_LABEL} and its SM2 transport key pair
 * {@value CryptoDevice#TRANSPORT_LABEL}. It runs SM3, SM4 and SM2 known-answer tests before it opens the keystore.
 *
 * <p>Thread-safe: reads work on an immutable snapshot of the keys; changes are serialised, written to the store and
 * only then published. One keystore file serves one process (a second writer is detected and refused). On the
 * database, a node learns of other nodes' changes by the store's revision: read before a key it does not know is
 * refused (a new version, a new label), and otherwise at most once per refresh interval (the current version of a
 * label, states), so that the hot paths make no database read in the steady state. Two nodes storing the same key id
 * at once: the primary key lets one win; a generated key of the loser is dropped and the winner's used.
 */
public final class SoftwareCryptoDevice implements CryptoDevice {

    private static final Logger log = LoggerFactory.getLogger(SoftwareCryptoDevice.class);
    private static final HexFormat HEX = HexFormat.of();

    private final KeyStorage storage;
    private final SoftwareKeystore keystore;
    private final SecureRandom random;
    private final DeviceKeys keys;
    private final ComponentBackup backup;

    /**
     * Opens the keystore at {@code keystoreFile} under {@code masterKeyHex} (32 hex characters), creating it and the
     * device's own keys on first start.
     *
     * @throws CryptoException if the file was created under another master key, was altered, or cannot be written
     */
    public SoftwareCryptoDevice(Path keystoreFile, String masterKeyHex) {
        this(keystoreFile, parseMasterKey(masterKeyHex), new SecureRandom(), Clock.systemUTC());
    }

    SoftwareCryptoDevice(Path keystoreFile, byte[] masterKey, SecureRandom random, Clock clock) {
        this(null, keystoreFile, masterKey, random, clock, Duration.ZERO);
    }

    /**
     * The device on the database store of {@code dataSource} (migration V17), shared by every node of a deployment,
     * under {@code masterKeyHex}. On first start (empty store) it imports the keystore file at {@code importFile} once
     * if there is one; the file is not read or written otherwise. Other nodes' changes are looked for when a key is
     * unknown and otherwise at most once per {@code refreshInterval}.
     *
     * @throws CryptoException if the store was created under another master key or was altered
     */
    public static SoftwareCryptoDevice onDatabase(DataSource dataSource, String masterKeyHex, Path importFile,
                                                  Duration refreshInterval) {
        return new SoftwareCryptoDevice(dataSource, importFile, parseMasterKey(masterKeyHex), new SecureRandom(),
                Clock.systemUTC(), refreshInterval);
    }

    private SoftwareCryptoDevice(DataSource dataSource, Path keystoreFile, byte[] masterKey, SecureRandom random,
                                 Clock clock, Duration refreshInterval) {
        selfTest();
        this.random = random;
        this.keystore = new SoftwareKeystore(keystoreFile, masterKey);
        Arrays.fill(masterKey, (byte) 0);
        boolean existed;
        if (dataSource == null) {
            existed = keystore.exists();
            this.storage = keystore;
        } else {
            DatabaseKeystore database = new DatabaseKeystore(dataSource, keystore);
            database.initialize();
            existed = true;
            this.storage = database;
        }
        this.keys = new DeviceKeys(storage, keystore, random, clock, refreshInterval);
        this.backup = new ComponentBackup(keys, random);
        ensureKey(KEK_LABEL, KeyType.SM4, KeyUsage.KEY_ENCRYPTION);
        ensureKey(TRANSPORT_LABEL, KeyType.SM2, KeyUsage.KEY_TRANSPORT);
        log.info("Crypto device: {} {} with {} keys", existed ? "opened" : "created", storage.describe(), keys.size());
    }

    private static byte[] parseMasterKey(String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("The crypto-device master key is 32 hexadecimal characters (16 bytes)");
        }
        return HEX.parseHex(hex);
    }

    /** The keystore file: the store of this device, or on the database the file imported on first start. */
    public Path keystoreFile() {
        return keystore.file();
    }

    /**
     * Generates a key for {@code label} unless the device has one with that label in any state (an archived or
     * destroyed key is not silently replaced).
     *
     * @return whether a key was generated
     */
    private boolean ensureKey(String label, KeyType type, KeyUsage usage) {
        synchronized (keys.changes) {
            if (!keys.versions(label).isEmpty()) {
                return false;
            }
            if (type == KeyType.SM4) {
                generateSymmetricKey(label, usage);
            } else {
                generateSm2KeyPair(label, usage);
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- key management

    @Override
    public KeyInfo generateSymmetricKey(String label, KeyUsage usage) {
        byte[] material = new byte[Sm4.BLOCK_SIZE];
        random.nextBytes(material);
        return keys.store(null, label, KeyType.SM4, usage, KeyOrigin.GENERATED, material);
    }

    @Override
    public KeyInfo generateSm2KeyPair(String label, KeyUsage usage) {
        return keys.store(null, label, KeyType.SM2, usage, KeyOrigin.GENERATED, Sm2.generatePrivateKey(random));
    }

    @Override
    public KeyInfo deriveKey(KeyHandle parent, byte[] diversification, String label, KeyUsage usage) {
        if (usage != KeyUsage.DERIVATION && usage != KeyUsage.DATA) {
            throw new IllegalArgumentException("A derived key is a DERIVATION or DATA key, not " + usage);
        }
        byte[] material = keys.symmetric(new DerivedKey(parent, diversification), DeviceKeys.Op.PROTECT, null, "derive a key");
        return keys.store(null, label, KeyType.SM4, usage, KeyOrigin.DERIVED, material);
    }

    @Override
    public WrappedKey exportKey(KeyId key, KeyId kek) {
        if (key.equals(kek)) {
            throw new IllegalArgumentException("A key is not exported under itself");
        }
        StoredKey stored = keys.require(key, DeviceKeys.Op.PROTECT, null, "be exported");
        return keys.withMaterial(keys.require(kek, DeviceKeys.Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key"), kekBytes ->
                keys.withMaterial(stored, material -> KeyWrap.wrap(kekBytes, kek, key, stored.info().type(),
                        stored.info().usage(), material, random)));
    }

    @Override
    public WrappedKey exportKey(DerivedKey key, KeyId as, KeyUsage usage, KeyId kek) {
        if (usage != KeyUsage.DERIVATION && usage != KeyUsage.DATA) {
            throw new IllegalArgumentException("A derived key is a DERIVATION or DATA key, not " + usage);
        }
        byte[] material = keys.symmetric(key, DeviceKeys.Op.PROTECT, null, "be exported");
        try {
            return keys.withMaterial(keys.require(kek, DeviceKeys.Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key"),
                    kekBytes -> KeyWrap.wrap(kekBytes, kek, as, KeyType.SM4, usage, material, random));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public KeyInfo importKey(WrappedKey wrapped, KeyId kek) {
        StoredKey kekKey = keys.require(kek, DeviceKeys.Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION, "unwrap a key");
        if (!kekKey.info().checkValue().equals(wrapped.kekCheckValue())) {
            throw new CryptoException("The key " + wrapped.id() + " is wrapped under a KEK with check value "
                    + wrapped.kekCheckValue() + ", but " + kek + " has check value " + kekKey.info().checkValue());
        }
        byte[] material = keys.withMaterial(kekKey, kekBytes -> KeyWrap.unwrap(kekBytes, wrapped));
        return keys.store(wrapped.id(), wrapped.id().label(), wrapped.type(), wrapped.usage(), KeyOrigin.IMPORTED, material);
    }

    @Override
    public byte[] exportKeyEnvelope(KeyId kek, byte[] recipientPublicKey) {
        StoredKey stored = keys.require(kek, DeviceKeys.Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "be sent in an SM2 envelope");
        return keys.withMaterial(stored, material -> Sm2.encrypt(recipientPublicKey, material, random));
    }

    @Override
    public KeyInfo importKeyEnvelope(KeyId transportKey, byte[] envelope, String label) {
        StoredKey transport = keys.require(transportKey, DeviceKeys.Op.UNPROTECT, KeyUsage.KEY_TRANSPORT, "open an SM2 envelope");
        byte[] material = keys.withMaterial(transport, privateKey -> Sm2.decrypt(privateKey, envelope));
        if (material.length != Sm4.BLOCK_SIZE) {
            Arrays.fill(material, (byte) 0);
            throw new CryptoException("An SM2 envelope carries a 16-byte SM4 key-encryption key, not " + material.length + " bytes");
        }
        return keys.store(null, label, KeyType.SM4, KeyUsage.KEY_ENCRYPTION, KeyOrigin.IMPORTED, material);
    }


    // ---------------------------------------------------------------- backup components (KEY-02)

    @Override
    public List<KeyComponent> splitKey(KeyId key, String setId, int count, KeyId kek) {
        return backup.splitKey(key, setId, count, kek);
    }

    @Override
    public KeyComponent sealComponent(KeyComponent component, char[] secret) {
        return backup.sealComponent(component, secret);
    }

    @Override
    public KeyComponent openComponent(KeyComponent component, char[] secret, KeyId kek) {
        return backup.openComponent(component, secret, kek);
    }

    @Override
    public KeyInfo restoreKey(List<KeyComponent> components) {
        return backup.restoreKey(components);
    }

    // ---------------------------------------------------------------- what the device holds

    @Override
    public List<KeyInfo> listKeys() {
        return keys.listKeys();
    }

    @Override
    public List<KeyInfo> versions(String label) {
        return keys.versions(label);
    }

    @Override
    public Optional<KeyInfo> keyInfo(KeyId key) {
        return Optional.ofNullable(keys.find(key)).map(StoredKey::info);
    }

    @Override
    public KeyId currentKey(String label) {
        return keys.currentKey(label);
    }

    @Override
    public String keyCheckValue(KeyHandle key) {
        if (key instanceof KeyId id) {
            return keys.require(id, DeviceKeys.Op.INSPECT, null, "show its check value").info().checkValue();
        }
        byte[] material = keys.symmetric(key, DeviceKeys.Op.INSPECT, null, "show its check value");
        try {
            return Sm4.checkValue(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public byte[] publicKey(KeyId key) {
        StoredKey stored = keys.require(key, DeviceKeys.Op.INSPECT, null, "show its public key");
        if (stored.info().type() != KeyType.SM2) {
            throw new CryptoException(key + " is an " + stored.info().type() + " key: it has no public key");
        }
        return stored.publicKey().clone();
    }

    @Override
    public KeyInfo archive(KeyId key) {
        return keys.changeState(key, KeyState.ARCHIVED);
    }

    @Override
    public KeyInfo destroy(KeyId key) {
        return keys.changeState(key, KeyState.DESTROYED);
    }

    // ---------------------------------------------------------------- SM4

    @Override
    public byte[] sm4EncryptEcb(KeyHandle key, byte[] data) {
        return keys.withSymmetric(key, DeviceKeys.Op.PROTECT, "encrypt (SM4-ECB)", k -> Sm4.encryptEcb(k, data));
    }

    @Override
    public byte[] sm4DecryptEcb(KeyHandle key, byte[] data) {
        return keys.withSymmetric(key, DeviceKeys.Op.UNPROTECT, "decrypt (SM4-ECB)", k -> Sm4.decryptEcb(k, data));
    }

    @Override
    public byte[] sm4EncryptCbc(KeyHandle key, byte[] iv, byte[] data) {
        return keys.withSymmetric(key, DeviceKeys.Op.PROTECT, "encrypt (SM4-CBC)", k -> Sm4.encryptCbc(k, iv, data));
    }

    @Override
    public byte[] sm4DecryptCbc(KeyHandle key, byte[] iv, byte[] data) {
        return keys.withSymmetric(key, DeviceKeys.Op.UNPROTECT, "decrypt (SM4-CBC)", k -> Sm4.decryptCbc(k, iv, data));
    }

    @Override
    public byte[] sm4EncryptGcm(KeyHandle key, byte[] aad, byte[] plaintext) {
        byte[] iv = new byte[Sm4.GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = keys.withSymmetric(key, DeviceKeys.Op.PROTECT, "encrypt (SM4-GCM)",
                k -> Sm4.encryptGcm(k, iv, aad == null ? new byte[0] : aad, plaintext));
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    @Override
    public byte[] sm4DecryptGcm(KeyHandle key, byte[] aad, byte[] ciphertext) {
        if (ciphertext.length < Sm4.GCM_IV_BYTES + Sm4.GCM_TAG_BYTES) {
            throw new CryptoException("SM4-GCM ciphertext is too short: " + ciphertext.length + " bytes");
        }
        return keys.withSymmetric(key, DeviceKeys.Op.UNPROTECT, "decrypt (SM4-GCM)", k -> Sm4.decryptGcm(k,
                Arrays.copyOf(ciphertext, Sm4.GCM_IV_BYTES), aad == null ? new byte[0] : aad,
                Arrays.copyOfRange(ciphertext, Sm4.GCM_IV_BYTES, ciphertext.length)));
    }

    // ---------------------------------------------------------------- SM3

    @Override
    public byte[] sm3(byte[] data) {
        return Sm3.digest(data);
    }

    @Override
    public byte[] hmacSm3(KeyHandle key, byte[] data) {
        return keys.withSymmetric(key, DeviceKeys.Op.UNPROTECT, "compute an HMAC-SM3", k -> Sm3.hmac(k, data));
    }

    // ---------------------------------------------------------------- SM2

    @Override
    public byte[] sm2Sign(KeyId key, byte[] signerId, byte[] message) {
        StoredKey stored = keys.require(key, DeviceKeys.Op.PROTECT, KeyUsage.SIGNATURE, "sign");
        return keys.withMaterial(stored, d -> Sm2.sign(d, signerId, message, random));
    }

    @Override
    public boolean sm2Verify(byte[] publicKey, byte[] signerId, byte[] message, byte[] signature) {
        return Sm2.verify(publicKey, signerId, message, signature);
    }

    @Override
    public byte[] sm2Encrypt(byte[] publicKey, byte[] plaintext) {
        return Sm2.encrypt(publicKey, plaintext, random);
    }

    @Override
    public byte[] sm2Decrypt(KeyId key, byte[] ciphertext) {
        StoredKey stored = keys.require(key, DeviceKeys.Op.UNPROTECT, KeyUsage.DATA, "decrypt (SM2)");
        return keys.withMaterial(stored, d -> Sm2.decrypt(d, ciphertext));
    }

    /** Known-answer tests of GB/T 32905 (SM3), GB/T 32907 (SM4) and GB/T 32918.5 (SM2 signature), before any key is used. */
    private static void selfTest() {
        boolean sm3 = HEX.formatHex(Sm3.digest("abc".getBytes(StandardCharsets.US_ASCII)))
                .equals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        byte[] sm4Key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        boolean sm4 = HEX.formatHex(Sm4.encryptEcb(sm4Key, sm4Key)).equals("681edf34d206965e86b3e94f536e4246");
        boolean sm2 = Sm2.verify(HEX.parseHex("04"
                        + "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
                        + "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"),
                CryptoDevice.defaultSignerId(), "message digest".getBytes(StandardCharsets.US_ASCII),
                HEX.parseHex("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
                        + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa"));
        if (!sm3 || !sm4 || !sm2) {
            throw new IllegalStateException("SM2/SM3/SM4 known-answer self-test failed: the crypto provider is broken");
        }
    }

    /** The keystore file and the number of keys; never key material. */
    @Override
    public String toString() {
        return "SoftwareCryptoDevice[" + (storage.shared() ? "store=" + DatabaseKeystore.KEYS_TABLE
                : "keystore=" + keystore.file()) + ", keys=" + keys.size() + "]";
    }
}