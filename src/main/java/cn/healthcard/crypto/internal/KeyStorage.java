package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.util.Collection;
import java.util.TreeMap;

/**
 * Where the software device keeps its sealed keys (decision 011): the keystore file of one process
 * ({@link SoftwareKeystore}) or the database that every node of a deployment reads ({@link DatabaseKeystore}).
 * Not thread-safe: the device serialises writes.
 */
interface KeyStorage {

    /** What {@link #add} and {@link #update} answer when another writer got there first. */
    long CONFLICT = -1;

    /** Every key and the revision they were read at. */
    record Snapshot(TreeMap<KeyId, StoredKey> keys, long revision) {
    }

    /** Seals and opens key material under the master key. */
    SoftwareKeystore sealer();

    /**
     * Reads every key.
     *
     * @throws cn.healthcard.crypto.CryptoException if the store was made under another master key or was altered
     */
    Snapshot read();

    /**
     * Adds a new key ({@code all} includes it).
     *
     * @return the store's revision after the change, or {@link #CONFLICT} when another writer holds that key id already
     */
    long add(StoredKey key, Collection<StoredKey> all);

    /**
     * Replaces {@code before} with {@code after} (same id; a new state, or restored material).
     *
     * @return the store's revision after the change, or {@link #CONFLICT} when another writer changed the key first
     */
    long update(StoredKey before, StoredKey after, Collection<StoredKey> all);

    /** Whether other processes write the same store, so that the device must look for their changes. */
    boolean shared();

    /** A number that changes with every change of the store by any writer: one cheap read. */
    long revision();

    /** Where the keys are, for messages and logs. */
    String describe();
}
