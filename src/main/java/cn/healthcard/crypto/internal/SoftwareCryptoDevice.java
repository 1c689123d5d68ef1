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
import cn.healthcard.crypto.internal.KeyStorage.Snapshot;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
    private final Clock clock;
    private final Object changes = new Object();
    private volatile NavigableMap<KeyId, StoredKey> keys;
    /** The revision of the store that {@link #keys} reflects. */
    private volatile long knownRevision;
    private final long refreshNanos;
    private volatile long nextRefresh;
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Key material opened once from the keystore, as an HSM holds its keys in its own memory. */
    private final Map<KeyId, byte[]> opened = new ConcurrentHashMap<>();

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
        this.clock = clock;
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
        Snapshot snapshot = storage.read();
        this.keys = Collections.unmodifiableNavigableMap(snapshot.keys());
        this.knownRevision = snapshot.revision();
        this.refreshNanos = Math.max(0, refreshInterval.toNanos());
        this.nextRefresh = System.nanoTime() + refreshNanos;
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

    // ---------------------------------------------------------------- the view of the store

    /**
     * The keys; on a shared store, first the store's revision when the refresh interval has passed (one thread reads
     * it, the others go on with the keys they have). A database that cannot be reached leaves the keys as they are;
     * an altered store is refused.
     */
    private NavigableMap<KeyId, StoredKey> keys() {
        if (storage.shared() && System.nanoTime() - nextRefresh >= 0 && refreshing.tryLock()) {
            try {
                if (System.nanoTime() - nextRefresh >= 0) {
                    refresh();
                }
            } catch (CryptoException e) {
                if (!(e.getCause() instanceof SQLException)) {
                    throw e;
                }
                log.warn("Crypto device: the {} cannot be read to look for other nodes' changes; going on with the "
                        + "keys held: {}", storage.describe(), e.getMessage());
            } finally {
                refreshing.unlock();
            }
        }
        return keys;
    }

    /** Reads the store again if another writer changed it; whether it did. */
    private boolean refresh() {
        if (!storage.shared()) {
            return false;
        }
        nextRefresh = System.nanoTime() + refreshNanos;
        if (storage.revision() == knownRevision) {
            return false;
        }
        reload();
        return true;
    }

    /**
     * Reads every key again. Within this process, a key does not disappear, change its material or go back to an
     * earlier state (other than a destroyed key restored from its components): such a store was altered and is refused.
     */
    private void reload() {
        synchronized (changes) {
            Snapshot snapshot = storage.read();
            TreeMap<KeyId, StoredKey> fresh = snapshot.keys();
            for (StoredKey held : keys.values()) {
                StoredKey now = fresh.get(held.id());
                KeyInfo was = held.info();
                if (now == null) {
                    throw altered("the key " + held.id() + " is gone");
                }
                KeyInfo is = now.info();
                if (!is.checkValue().equals(was.checkValue()) || is.type() != was.type() || is.usage() != was.usage()) {
                    throw altered("the key " + held.id() + " has other material or metadata");
                }
                if (is.state().compareTo(was.state()) < 0
                        && !(was.state() == KeyState.DESTROYED && is.origin() == KeyOrigin.RECOVERED)) {
                    throw altered("the key " + held.id() + " went back from " + was.state() + " to " + is.state());
                }
            }
            for (StoredKey key : fresh.values()) {
                if (key.info().state() == KeyState.DESTROYED) {
                    byte[] material = opened.remove(key.id());
                    if (material != null) {
                        Arrays.fill(material, (byte) 0);
                    }
                }
            }
            int before = keys.size();
            keys = Collections.unmodifiableNavigableMap(fresh);
            knownRevision = snapshot.revision();
            log.debug("Crypto device: read the {} again at revision {} ({} keys, {} before)", storage.describe(),
                    snapshot.revision(), fresh.size(), before);
        }
    }

    private CryptoException altered(String what) {
        return new CryptoException("The crypto-device " + storage.describe() + " has been altered: " + what);
    }

    /** Publishes the keys after this process's own change, which brought the store to {@code revision}. */
    private void publish(TreeMap<KeyId, StoredKey> next, long revision) {
        keys = Collections.unmodifiableNavigableMap(next);
        if (revision == knownRevision + 1) {
            knownRevision = revision;
        }
    }

    /** The stored key {@code id}, looking for other nodes' changes before it answers that there is none. */
    private StoredKey find(KeyId id) {
        StoredKey stored = keys().get(id);
        if (stored == null && refresh()) {
            stored = keys.get(id);
        }
        return stored;
    }

    /**
     * Generates a key for {@code label} unless the device has one with that label in any state (an archived or
     * destroyed key is not silently replaced).
     *
     * @return whether a key was generated
     */
    private boolean ensureKey(String label, KeyType type, KeyUsage usage) {
        synchronized (changes) {
            if (keys().keySet().stream().anyMatch(id -> id.label().equals(label))) {
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
        return store(null, label, KeyType.SM4, usage, KeyOrigin.GENERATED, material);
    }

    @Override
    public KeyInfo generateSm2KeyPair(String label, KeyUsage usage) {
        return store(null, label, KeyType.SM2, usage, KeyOrigin.GENERATED, Sm2.generatePrivateKey(random));
    }

    @Override
    public KeyInfo deriveKey(KeyHandle parent, byte[] diversification, String label, KeyUsage usage) {
        if (usage != KeyUsage.DERIVATION && usage != KeyUsage.DATA) {
            throw new IllegalArgumentException("A derived key is a DERIVATION or DATA key, not " + usage);
        }
        byte[] material = symmetric(new DerivedKey(parent, diversification), Op.PROTECT, null, "derive a key");
        return store(null, label, KeyType.SM4, usage, KeyOrigin.DERIVED, material);
    }

    @Override
    public WrappedKey exportKey(KeyId key, KeyId kek) {
        if (key.equals(kek)) {
            throw new IllegalArgumentException("A key is not exported under itself");
        }
        StoredKey stored = require(key, Op.PROTECT, null, "be exported");
        return withMaterial(require(kek, Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key"), kekBytes ->
                withMaterial(stored, material -> KeyWrap.wrap(kekBytes, kek, key, stored.info().type(),
                        stored.info().usage(), material, random)));
    }

    @Override
    public KeyInfo importKey(WrappedKey wrapped, KeyId kek) {
        StoredKey kekKey = require(kek, Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION, "unwrap a key");
        if (!kekKey.info().checkValue().equals(wrapped.kekCheckValue())) {
            throw new CryptoException("The key " + wrapped.id() + " is wrapped under a KEK with check value "
                    + wrapped.kekCheckValue() + ", but " + kek + " has check value " + kekKey.info().checkValue());
        }
        byte[] material = withMaterial(kekKey, kekBytes -> KeyWrap.unwrap(kekBytes, wrapped));
        return store(wrapped.id(), wrapped.id().label(), wrapped.type(), wrapped.usage(), KeyOrigin.IMPORTED, material);
    }

    @Override
    public byte[] exportKeyEnvelope(KeyId kek, byte[] recipientPublicKey) {
        StoredKey stored = require(kek, Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "be sent in an SM2 envelope");
        return withMaterial(stored, material -> Sm2.encrypt(recipientPublicKey, material, random));
    }

    @Override
    public KeyInfo importKeyEnvelope(KeyId transportKey, byte[] envelope, String label) {
        StoredKey transport = require(transportKey, Op.UNPROTECT, KeyUsage.KEY_TRANSPORT, "open an SM2 envelope");
        byte[] material = withMaterial(transport, privateKey -> Sm2.decrypt(privateKey, envelope));
        if (material.length != Sm4.BLOCK_SIZE) {
            Arrays.fill(material, (byte) 0);
            throw new CryptoException("An SM2 envelope carries a 16-byte SM4 key-encryption key, not " + material.length + " bytes");
        }
        return store(null, label, KeyType.SM4, KeyUsage.KEY_ENCRYPTION, KeyOrigin.IMPORTED, material);
    }

    @Override
    public List<KeyComponent> splitKey(KeyId key, String setId, int count, KeyId kek) {
        KeyComponent.requireSetId(setId);
        if (count < 2 || count > KeyComponent.MAX_COUNT) {
            throw new IllegalArgumentException("A key is split into 2 to " + KeyComponent.MAX_COUNT + " components, not "
                    + count);
        }
        StoredKey stored = require(key, Op.INSPECT, null, "be split into components");
        if (stored.info().type() != KeyType.SM4) {
            throw new CryptoException("The key " + key + " is an " + stored.info().type() + " key: only SM4 keys are "
                    + "split into components");
        }
        StoredKey kekKey = require(kek, Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key component");
        ComponentWrap.Meta[] metas = new ComponentWrap.Meta[count];
        for (int i = 0; i < count; i++) {
            metas[i] = new ComponentWrap.Meta(key, stored.info().usage(), stored.info().checkValue(), setId, i + 1,
                    count);
        }
        List<KeyComponent> components = withMaterial(kekKey, kekBytes -> withMaterial(stored, material -> {
            byte[] last = material.clone();
            byte[] part = new byte[Sm4.BLOCK_SIZE];
            List<KeyComponent> out = new ArrayList<>();
            try {
                for (int i = 0; i < count - 1; i++) {
                    random.nextBytes(part);
                    for (int b = 0; b < part.length; b++) {
                        last[b] ^= part[b];
                    }
                    out.add(ComponentWrap.underKek(kekBytes, kek, metas[i], part, random));
                }
                out.add(ComponentWrap.underKek(kekBytes, kek, metas[count - 1], last, random));
                return out;
            } finally {
                Arrays.fill(part, (byte) 0);
                Arrays.fill(last, (byte) 0);
            }
        }));
        log.info("Crypto device: {} (check value {}) split into {} components, set {}", key,
                stored.info().checkValue(), count, setId);
        return List.copyOf(components);
    }

    @Override
    public KeyComponent sealComponent(KeyComponent component, char[] secret) {
        if (!(component.protection() instanceof KeyComponent.UnderKek underKek)) {
            throw new IllegalArgumentException("Component " + component.index() + " of " + component.key()
                    + " is already sealed under a custodian's secret");
        }
        StoredKey kek = require(underKek.kek(), Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION, "unwrap a key component");
        requireKekCheckValue(kek, underKek, component);
        byte[] material = withMaterial(kek, kekBytes -> ComponentWrap.unwrap(kekBytes, component,
                "does not unwrap: another KEK, or the component was altered"));
        try {
            return ComponentWrap.underSecret(secret, ComponentWrap.Meta.of(component), material, random);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public KeyComponent openComponent(KeyComponent component, char[] secret, KeyId kek) {
        if (!(component.protection() instanceof KeyComponent.UnderSecret underSecret)) {
            throw new IllegalArgumentException("Component " + component.index() + " of " + component.key()
                    + " is not sealed under a custodian's secret");
        }
        StoredKey kekKey = require(kek, Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key component");
        byte[] secretKey = ComponentWrap.secretKey(secret, underSecret.salt(), underSecret.iterations());
        byte[] material;
        try {
            material = ComponentWrap.unwrap(secretKey, component,
                    "does not open with this secret: a wrong secret, or the component was altered");
        } finally {
            Arrays.fill(secretKey, (byte) 0);
        }
        try {
            return withMaterial(kekKey, kekBytes -> ComponentWrap.underKek(kekBytes, kek,
                    ComponentWrap.Meta.of(component), material, random));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public KeyInfo restoreKey(List<KeyComponent> components) {
        if (components == null || components.isEmpty()) {
            throw new CryptoException("No key components to restore a key from");
        }
        KeyComponent first = components.get(0);
        KeyComponent[] byIndex = new KeyComponent[first.count() + 1];
        for (KeyComponent c : components) {
            if (!c.key().equals(first.key()) || c.usage() != first.usage()
                    || !c.keyCheckValue().equals(first.keyCheckValue())) {
                throw new CryptoException("Component " + c.index() + " is a component of " + c.key() + " (check value "
                        + c.keyCheckValue() + "), not of " + first.key() + " (check value " + first.keyCheckValue() + ")");
            }
            if (!c.setId().equals(first.setId()) || c.count() != first.count()) {
                throw new CryptoException("Component " + c.index() + " of " + c.key() + " belongs to set " + c.setId()
                        + " of " + c.count() + ", not to set " + first.setId() + " of " + first.count());
            }
            if (byIndex[c.index()] != null) {
                throw new CryptoException("Component " + c.index() + " of " + c.key() + " is given twice");
            }
            byIndex[c.index()] = c;
        }
        for (int i = 1; i <= first.count(); i++) {
            if (byIndex[i] == null) {
                throw new CryptoException("Component " + i + " of " + first.count() + " of " + first.key()
                        + " (set " + first.setId() + ") is missing: all components are needed");
            }
        }
        byte[] material = new byte[Sm4.BLOCK_SIZE];
        try {
            for (int i = 1; i <= first.count(); i++) {
                KeyComponent c = byIndex[i];
                if (!(c.protection() instanceof KeyComponent.UnderKek underKek)) {
                    throw new CryptoException("Component " + i + " of " + c.key()
                            + " is still sealed under its custodian's secret: open it first");
                }
                StoredKey kek = require(underKek.kek(), Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION,
                        "unwrap a key component");
                requireKekCheckValue(kek, underKek, c);
                byte[] part = withMaterial(kek, kekBytes -> ComponentWrap.unwrap(kekBytes, c,
                        "does not unwrap: another KEK, or the component was altered"));
                for (int b = 0; b < part.length; b++) {
                    material[b] ^= part[b];
                }
                Arrays.fill(part, (byte) 0);
            }
            String checkValue = Sm4.checkValue(material);
            if (!checkValue.equals(first.keyCheckValue())) {
                throw new CryptoException("The components of set " + first.setId() + " do not give " + first.key()
                        + ": check value " + checkValue + " instead of " + first.keyCheckValue());
            }
            return restore(first.key(), first.usage(), checkValue, material.clone());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static void requireKekCheckValue(StoredKey kek, KeyComponent.UnderKek underKek, KeyComponent component) {
        if (!kek.info().checkValue().equals(underKek.kekCheckValue())) {
            throw new CryptoException("Component " + component.index() + " of " + component.key()
                    + " is wrapped under a KEK with check value " + underKek.kekCheckValue() + ", but " + kek.id()
                    + " has check value " + kek.info().checkValue());
        }
    }

    /** Stores restored material under {@code id}, unless the device holds that key already (then nothing changes). */
    private KeyInfo restore(KeyId id, KeyUsage usage, String checkValue, byte[] material) {
        try {
            synchronized (changes) {
                StoredKey existing = find(id);
                if (existing != null && !existing.info().checkValue().equals(checkValue)) {
                    throw new CryptoException("The crypto device holds another key " + id + " (check value "
                            + existing.info().checkValue() + "), not the one restored (check value " + checkValue + ")");
                }
                if (existing != null && existing.info().state() != KeyState.DESTROYED) {
                    log.info("Crypto device: components of {} verified (check value {}); the key is held already", id,
                            checkValue);
                    return existing.info();
                }
                for (StoredKey other : keys.values()) {
                    if (other.id().label().equals(id.label())
                            && (other.info().type() != KeyType.SM4 || other.info().usage() != usage)) {
                        throw new IllegalArgumentException("The label '" + id.label() + "' holds "
                                + other.info().type() + " " + other.info().usage() + " keys, not SM4 " + usage);
                    }
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                KeyInfo info = new KeyInfo(id, KeyType.SM4, usage, KeyState.ACTIVE, KeyOrigin.RECOVERED, now,
                        checkValue);
                StoredKey stored = new StoredKey(info, keystore.seal(info, null, material, random), null);
                TreeMap<KeyId, StoredKey> next = new TreeMap<>(keys);
                next.put(id, stored);
                long revision = existing == null ? storage.add(stored, next.values())
                        : storage.update(existing, stored, next.values());
                if (revision == KeyStorage.CONFLICT) {
                    reload();
                    StoredKey other = keys.get(id);
                    if (other != null && other.info().state() != KeyState.DESTROYED
                            && other.info().checkValue().equals(checkValue)) {
                        log.info("Crypto device: {} (check value {}) was restored by another node at the same time", id,
                                checkValue);
                        return other.info();
                    }
                    throw new CryptoException("The key " + id + " was changed by another node at the same time: "
                            + "try again");
                }
                publish(next, revision);
                opened.remove(id);
                log.info("Crypto device: recovered SM4 {} key {} (check value {}) from its components", usage, id,
                        checkValue);
                return info;
            }
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public List<KeyInfo> listKeys() {
        return keys().values().stream().map(StoredKey::info).toList();
    }

    @Override
    public Optional<KeyInfo> keyInfo(KeyId key) {
        return Optional.ofNullable(find(key)).map(StoredKey::info);
    }

    @Override
    public KeyId currentKey(String label) {
        // on every encryption, blind index and QR validity: the label's versions only, highest first; the store is
        // read again only when the refresh interval has passed, or when the label has no active key here
        if (!isLabel(label)) {
            throw new CryptoException("The crypto device has no active key labelled '" + label + "'");
        }
        Optional<KeyId> current = current(keys(), label);
        if (current.isEmpty() && refresh()) {
            current = current(keys, label);
        }
        return current.orElseThrow(() -> new CryptoException("The crypto device has no active key labelled '" + label
                + "'"));
    }

    private static Optional<KeyId> current(NavigableMap<KeyId, StoredKey> keys, String label) {
        return keys.subMap(KeyId.of(label, 1), true, KeyId.of(label, Integer.MAX_VALUE), true)
                .descendingMap().values().stream().map(StoredKey::info)
                .filter(info -> info.state() == KeyState.ACTIVE).map(KeyInfo::id).findFirst();
    }

    private static boolean isLabel(String label) {
        try {
            KeyId.requireLabel(label);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String keyCheckValue(KeyHandle key) {
        if (key instanceof KeyId id) {
            return require(id, Op.INSPECT, null, "show its check value").info().checkValue();
        }
        byte[] material = symmetric(key, Op.INSPECT, null, "show its check value");
        try {
            return Sm4.checkValue(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public byte[] publicKey(KeyId key) {
        StoredKey stored = require(key, Op.INSPECT, null, "show its public key");
        if (stored.info().type() != KeyType.SM2) {
            throw new CryptoException(key + " is an " + stored.info().type() + " key: it has no public key");
        }
        return stored.publicKey().clone();
    }

    @Override
    public KeyInfo archive(KeyId key) {
        return changeState(key, KeyState.ARCHIVED);
    }

    @Override
    public KeyInfo destroy(KeyId key) {
        return changeState(key, KeyState.DESTROYED);
    }

    private KeyInfo changeState(KeyId key, KeyState state) {
        synchronized (changes) {
            for (int attempt = 1; ; attempt++) {
                StoredKey stored = find(key);
                if (stored == null) {
                    throw unknown(key);
                }
                if (stored.info().state() == state) {
                    return stored.info();
                }
                if (stored.info().state() == KeyState.DESTROYED) {
                    throw new CryptoException("The key " + key + " is destroyed");
                }
                StoredKey changed = stored.withState(state);
                TreeMap<KeyId, StoredKey> next = new TreeMap<>(keys);
                next.put(key, changed);
                long revision = storage.update(stored, changed, next.values());
                if (revision == KeyStorage.CONFLICT) {
                    // another node changed the key meanwhile: read it again and decide on what it is now
                    reload();
                    if (attempt < 3) {
                        continue;
                    }
                    throw new CryptoException("The key " + key + " was changed by another node at the same time: "
                            + "try again");
                }
                publish(next, revision);
                return changed(key, state, changed);
            }
        }
    }

    private KeyInfo changed(KeyId key, KeyState state, StoredKey changed) {
        if (state == KeyState.DESTROYED) {
            byte[] material = opened.remove(key);
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
        log.info("Crypto device: {} is {}", key, state);
        return changed.info();
    }

    /** Stores new key material under {@code id}, or under the next version of {@code label} when {@code id} is null. */
    private KeyInfo store(KeyId id, String label, KeyType type, KeyUsage usage, KeyOrigin origin, byte[] material) {
        try {
            KeyId.requireLabel(label);
            if (!usage.allows(type)) {
                throw new IllegalArgumentException("An " + type + " key cannot have usage " + usage);
            }
            byte[] publicKey = type == KeyType.SM2 ? Sm2.publicKey(material) : null;
            String checkValue = type == KeyType.SM2 ? Sm2.checkValue(publicKey) : Sm4.checkValue(material);
            synchronized (changes) {
                for (int attempt = 1; ; attempt++) {
                    NavigableMap<KeyId, StoredKey> view = keys();
                    for (StoredKey other : view.values()) {
                        if (other.id().label().equals(label)
                                && (other.info().type() != type || other.info().usage() != usage)) {
                            throw new IllegalArgumentException("The label '" + label + "' holds " + other.info().type()
                                    + " " + other.info().usage() + " keys, not " + type + " " + usage);
                        }
                    }
                    KeyId keyId = id != null ? id : new KeyId(label, nextVersion(view, label));
                    if (view.containsKey(keyId)) {
                        throw new CryptoException("The crypto device already holds a key " + keyId);
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    KeyInfo info = new KeyInfo(keyId, type, usage, KeyState.ACTIVE, origin, now, checkValue);
                    StoredKey stored = new StoredKey(info, keystore.seal(info, publicKey, material, random), publicKey);
                    TreeMap<KeyId, StoredKey> next = new TreeMap<>(view);
                    next.put(keyId, stored);
                    long revision = storage.add(stored, next.values());
                    if (revision != KeyStorage.CONFLICT) {
                        publish(next, revision);
                        log.info("Crypto device: {} {} {} key {} (check value {})", origin.name().toLowerCase(), type,
                                usage, keyId, checkValue);
                        return info;
                    }
                    // another node stored this key id first: a key of the same material, or a generated key of the
                    // next version (two nodes making a label's first key at once), is the winner's; imported or
                    // derived material under the next version goes to the version after it
                    reload();
                    StoredKey winner = keys.get(keyId);
                    if (winner != null && winner.info().type() == type && winner.info().usage() == usage
                            && (winner.info().checkValue().equals(checkValue) || id == null && origin == KeyOrigin.GENERATED)) {
                        log.info("Crypto device: another node stored {} (check value {}) at the same time; using it",
                                keyId, winner.info().checkValue());
                        return winner.info();
                    }
                    if (id != null || attempt >= 3) {
                        throw new CryptoException("The crypto device already holds a key " + keyId
                                + " (stored by another node at the same time)");
                    }
                }
            }
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static int nextVersion(NavigableMap<KeyId, StoredKey> keys, String label) {
        return keys.keySet().stream().filter(id -> id.label().equals(label)).mapToInt(KeyId::version).max().orElse(0) + 1;
    }

    // ---------------------------------------------------------------- SM4

    @Override
    public byte[] sm4EncryptEcb(KeyHandle key, byte[] data) {
        return withSymmetric(key, Op.PROTECT, "encrypt (SM4-ECB)", k -> Sm4.encryptEcb(k, data));
    }

    @Override
    public byte[] sm4DecryptEcb(KeyHandle key, byte[] data) {
        return withSymmetric(key, Op.UNPROTECT, "decrypt (SM4-ECB)", k -> Sm4.decryptEcb(k, data));
    }

    @Override
    public byte[] sm4EncryptCbc(KeyHandle key, byte[] iv, byte[] data) {
        return withSymmetric(key, Op.PROTECT, "encrypt (SM4-CBC)", k -> Sm4.encryptCbc(k, iv, data));
    }

    @Override
    public byte[] sm4DecryptCbc(KeyHandle key, byte[] iv, byte[] data) {
        return withSymmetric(key, Op.UNPROTECT, "decrypt (SM4-CBC)", k -> Sm4.decryptCbc(k, iv, data));
    }

    @Override
    public byte[] sm4EncryptGcm(KeyHandle key, byte[] aad, byte[] plaintext) {
        byte[] iv = new byte[Sm4.GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = withSymmetric(key, Op.PROTECT, "encrypt (SM4-GCM)",
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
        return withSymmetric(key, Op.UNPROTECT, "decrypt (SM4-GCM)", k -> Sm4.decryptGcm(k,
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
        return withSymmetric(key, Op.UNPROTECT, "compute an HMAC-SM3", k -> Sm3.hmac(k, data));
    }

    // ---------------------------------------------------------------- SM2

    @Override
    public byte[] sm2Sign(KeyId key, byte[] signerId, byte[] message) {
        StoredKey stored = require(key, Op.PROTECT, KeyUsage.SIGNATURE, "sign");
        return withMaterial(stored, d -> Sm2.sign(d, signerId, message, random));
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
        StoredKey stored = require(key, Op.UNPROTECT, KeyUsage.DATA, "decrypt (SM2)");
        return withMaterial(stored, d -> Sm2.decrypt(d, ciphertext));
    }

    // ---------------------------------------------------------------- keys inside

    /** What an operation does with a key, which decides the states it is allowed in. */
    private enum Op {
        /** Encrypt, sign, derive, export: active keys only. */
        PROTECT,
        /** Decrypt, verify, unwrap, HMAC: active and archived keys. */
        UNPROTECT,
        /** Check value, public key: active and archived keys. */
        INSPECT
    }

    private StoredKey require(KeyId id, Op op, KeyUsage usage, String action) {
        StoredKey stored = find(id);
        if (stored == null) {
            throw unknown(id);
        }
        KeyInfo info = stored.info();
        if (info.state() == KeyState.DESTROYED) {
            throw new CryptoException("The key " + id + " is destroyed: it cannot " + action);
        }
        if (info.state() == KeyState.ARCHIVED && op == Op.PROTECT) {
            throw new CryptoException("The key " + id + " is archived: it only decrypts and verifies what it "
                    + "protected, it cannot " + action);
        }
        if (usage != null && info.usage() != usage) {
            throw new CryptoException("The key " + id + " is an " + info.type() + " " + info.usage() + " key: it cannot "
                    + action);
        }
        return stored;
    }

    private static CryptoException unknown(KeyId id) {
        return new CryptoException("The crypto device has no key " + id);
    }

    /** A copy of the key material of {@code key}, which the caller erases after use. */
    private byte[] material(StoredKey key) {
        return opened.computeIfAbsent(key.id(), id -> keystore.open(key)).clone();
    }

    private <T> T withMaterial(StoredKey key, Function<byte[], T> use) {
        byte[] material = material(key);
        try {
            return use.apply(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private <T> T withSymmetric(KeyHandle key, Op op, String action, Function<byte[], T> use) {
        byte[] material = symmetric(key, op, KeyUsage.DATA, action);
        try {
            return use.apply(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * The material of an SM4 key: a stored key of {@code usage} (any usage when null), or a derived key, whose root
     * must be a {@link KeyUsage#DERIVATION} key (a derived key may be used for data and for further derivation).
     */
    private byte[] symmetric(KeyHandle handle, Op op, KeyUsage usage, String action) {
        if (handle instanceof DerivedKey derived) {
            byte[] parent = derived.parent() instanceof KeyId parentId
                    ? symmetric(parentId, op, KeyUsage.DERIVATION, "derive a key")
                    : symmetric(derived.parent(), op, null, action);
            try {
                return Sm4.diversify(parent, derived.diversification());
            } finally {
                Arrays.fill(parent, (byte) 0);
            }
        }
        KeyId id = (KeyId) handle;
        StoredKey stored = require(id, op, usage, action);
        if (stored.info().type() != KeyType.SM4) {
            throw new CryptoException("The key " + id + " is an " + stored.info().type() + " key: it cannot " + action);
        }
        return material(stored);
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
