package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyHandle;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.KeyStorage.Snapshot;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a {@link SoftwareCryptoDevice} (decision 011): the view of its {@link KeyStorage} as a sorted index by
 * label and version (an immutable snapshot, replaced after every change of this process and when another node's
 * change is read), the material opened from it, the checks of a key's state and usage before an operation, and the
 * writes (store, state change, restore) serialised on {@link #changes}.
 *
 * <p>On a shared store, a node learns of other nodes' changes by the store's revision: read before a key or a label
 * it does not know is refused, and otherwise at most once per refresh interval, so that the hot paths make no database
 * read in the steady state.
 */
final class DeviceKeys {

    private static final Logger log = LoggerFactory.getLogger(SoftwareCryptoDevice.class);

    private final KeyStorage storage;
    private final SoftwareKeystore keystore;
    private final SecureRandom random;
    private final Clock clock;
    /** Serialises this process's changes of the store. */
    final Object changes = new Object();
    /** The sorted index: every key by label, then version. */
    private volatile NavigableMap<KeyId, StoredKey> keys;
    /**
     * The versions of each label, oldest first: {@link #keys} indexed by label, replaced with it (a look-up of one
     * label on the hot paths is one hash look-up, no scan, no allocation).
     */
    private volatile Map<String, List<KeyInfo>> byLabel;
    /** The revision of the store that {@link #keys} reflects. */
    private volatile long knownRevision;
    private final long refreshNanos;
    private volatile long nextRefresh;
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Key material opened once from the keystore, as an HSM holds its keys in its own memory. */
    private final Map<KeyId, byte[]> opened = new ConcurrentHashMap<>();

    DeviceKeys(KeyStorage storage, SoftwareKeystore keystore, SecureRandom random, Clock clock,
               Duration refreshInterval) {
        this.storage = storage;
        this.keystore = keystore;
        this.random = random;
        this.clock = clock;
        Snapshot snapshot = storage.read();
        install(snapshot.keys());
        this.knownRevision = snapshot.revision();
        this.refreshNanos = Math.max(0, refreshInterval.toNanos());
        this.nextRefresh = System.nanoTime() + refreshNanos;
    }

    /** The number of keys held (no refresh). */
    int size() {
        return keys.size();
    }

    // ---------------------------------------------------------------- the view of the store

    /**
     * The keys; on a shared store, first the store's revision when the refresh interval has passed (one thread reads
     * it, the others go on with the keys they have). A database that cannot be reached leaves the keys as they are;
     * an altered store is refused.
     */
    NavigableMap<KeyId, StoredKey> keys() {
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
            install(fresh);
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
        install(next);
        if (revision == knownRevision + 1) {
            knownRevision = revision;
        }
    }

    /** The stored key {@code id}, looking for other nodes' changes before it answers that there is none. */
    StoredKey find(KeyId id) {
        StoredKey stored = keys().get(id);
        if (stored == null && refresh()) {
            stored = keys.get(id);
        }
        return stored;
    }

    // ---------------------------------------------------------------- labels and versions

    /** Makes {@code next} the keys of this process, with its index by label. */
    private void install(NavigableMap<KeyId, StoredKey> next) {
        Map<String, List<KeyInfo>> index = new HashMap<>();
        for (StoredKey key : next.values()) {
            index.computeIfAbsent(key.id().label(), label -> new ArrayList<>()).add(key.info());
        }
        index.replaceAll((label, versions) -> List.copyOf(versions));
        byLabel = Collections.unmodifiableMap(index);
        keys = Collections.unmodifiableNavigableMap(next);
    }

    /**
     * The versions of {@code label}, oldest first, from the index by label: no scan of the other keys. A label this
     * node does not hold is looked for in the store first (another node may just have made it).
     */
    List<KeyInfo> versions(String label) {
        keys(); // the look at the store's revision once per refresh interval
        List<KeyInfo> versions = byLabel.get(label);
        if (versions == null && isLabel(label) && refresh()) {
            versions = byLabel.get(label);
        }
        return versions == null ? List.of() : versions;
    }

    /** The versions of {@code label} in {@code keys} (a valid label): a sub-map of the sorted index. */
    private static NavigableMap<KeyId, StoredKey> versions(NavigableMap<KeyId, StoredKey> keys, String label) {
        return keys.subMap(KeyId.of(label, 1), true, KeyId.of(label, Integer.MAX_VALUE), true);
    }

    List<KeyInfo> listKeys() {
        return keys().values().stream().map(StoredKey::info).toList();
    }

    KeyId currentKey(String label) {
        // on every encryption, blind index and QR validity: the label's versions only, highest first; the store is
        // read again only when the refresh interval has passed, or when the label has no active key here
        keys();
        KeyId current = current(byLabel.get(label));
        if (current == null && isLabel(label) && refresh()) {
            current = current(byLabel.get(label));
        }
        if (current == null) {
            throw new CryptoException("The crypto device has no active key labelled '" + label + "'");
        }
        return current;
    }

    /** The highest active version among {@code versions} (oldest first), or null. */
    private static KeyId current(List<KeyInfo> versions) {
        if (versions != null) {
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (versions.get(i).state() == KeyState.ACTIVE) {
                    return versions.get(i).id();
                }
            }
        }
        return null;
    }

    private static boolean isLabel(String label) {
        try {
            KeyId.requireLabel(label);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- changes

    KeyInfo changeState(KeyId key, KeyState state) {
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
    KeyInfo store(KeyId id, String label, KeyType type, KeyUsage usage, KeyOrigin origin, byte[] material) {
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
                    for (StoredKey other : versions(view, label).values()) {
                        if (other.info().type() != type || other.info().usage() != usage) {
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
        NavigableMap<KeyId, StoredKey> versions = versions(keys, label);
        return versions.isEmpty() ? 1 : versions.lastKey().version() + 1;
    }

    /** Stores restored material under {@code id}, unless the device holds that key already (then nothing changes). */
    KeyInfo restore(KeyId id, KeyUsage usage, String checkValue, byte[] material) {
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
                for (StoredKey other : versions(keys, id.label()).values()) {
                    if (other.info().type() != KeyType.SM4 || other.info().usage() != usage) {
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

    // ---------------------------------------------------------------- keys inside

    /** What an operation does with a key, which decides the states it is allowed in. */
    enum Op {
        /** Encrypt, sign, derive, export: active keys only. */
        PROTECT,
        /** Decrypt, verify, unwrap, HMAC: active and archived keys. */
        UNPROTECT,
        /** Check value, public key: active and archived keys. */
        INSPECT
    }

    StoredKey require(KeyId id, Op op, KeyUsage usage, String action) {
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

    static CryptoException unknown(KeyId id) {
        return new CryptoException("The crypto device has no key " + id);
    }

    /** A copy of the key material of {@code key}, which the caller erases after use. */
    private byte[] material(StoredKey key) {
        return opened.computeIfAbsent(key.id(), id -> keystore.open(key)).clone();
    }

    <T> T withMaterial(StoredKey key, Function<byte[], T> use) {
        byte[] material = material(key);
        try {
            return use.apply(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    <T> T withSymmetric(KeyHandle key, Op op, String action, Function<byte[], T> use) {
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
    byte[] symmetric(KeyHandle handle, Op op, KeyUsage usage, String action) {
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
}
