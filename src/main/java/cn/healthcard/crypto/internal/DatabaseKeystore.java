package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.internal.SoftwareKeystore.Entry;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the software device in the database (decision 011, migration V17), one store for every node of a
 * deployment: table {@code crypto_device_key} holds each key's metadata in the clear, its material sealed with SM4-GCM
 * under the key derived from the master key (the metadata as additional authenticated data, exactly as in the
 * keystore file) and an HMAC-SM3 of the whole row (state included); {@code crypto_device_store} holds one row with the
 * master key's check value and a revision that every change increments in the same transaction, so that a node finds
 * out with one primary-key read whether another node changed a key. Each change runs in its own transaction on its own
 * connection, outside any transaction of the caller: like an HSM, the device does not roll back with the application.
 *
 * <p>On first start (no store row) it imports the keystore file at the configured path once, if there is one.
 */
final class DatabaseKeystore implements KeyStorage {

    static final String KEYS_TABLE = "crypto_device_key";

    private static final Logger log = LoggerFactory.getLogger(DatabaseKeystore.class);
    private static final String COLUMNS = "key_label, key_version, key_type, key_usage, key_state, origin, created, "
            + "check_value, public_key, material, row_mac";

    private final DataSource dataSource;
    private final SoftwareKeystore sealer;

    /**
     * The store on {@code dataSource}, sealing under the master key of {@code file} (the keystore file to import
     * once, when the database store is still empty).
     */
    DatabaseKeystore(DataSource dataSource, SoftwareKeystore file) {
        this.dataSource = dataSource;
        this.sealer = file;
    }

    @Override
    public SoftwareKeystore sealer() {
        return sealer;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String describe() {
        return "database key store (table " + KEYS_TABLE + ")";
    }

    /**
     * Creates the store row on first start, importing the keystore file once when there is one; another node doing the
     * same at the same time wins or loses on the store row's primary key.
     *
     * @return the number of keys imported from the file (0 when the store existed or there was no file)
     */
    int initialize() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT revision FROM crypto_device_store WHERE id = 1");
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    if (sealer.exists()) {
                        log.info("Crypto device: keys in the {}; the keystore file {} is not read (it was imported "
                                + "before, or the database store was made without it)", describe(), sealer.file());
                    }
                    return 0;
                }
            }
            TreeMap<KeyId, StoredKey> imported = sealer.exists() ? sealer.load() : new TreeMap<>();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO crypto_device_store (id, format, "
                        + "format_version, master_key_check, revision) VALUES (1, ?, ?, ?, 0)")) {
                    s.setString(1, SoftwareKeystore.FORMAT);
                    s.setInt(2, SoftwareKeystore.FORMAT_VERSION);
                    s.setString(3, sealer.masterKeyCheck());
                    s.executeUpdate();
                }
                for (StoredKey key : imported.values()) {
                    insert(c, key);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isDuplicate(e)) {
                    log.info("Crypto device: another node created the {} at the same time", describe());
                    return 0;
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            if (imported.isEmpty()) {
                log.info("Crypto device: created the {}", describe());
            } else {
                log.warn("Crypto device: imported {} keys from the keystore file {} into the {}, once; the file is "
                        + "no longer read or written (keep it with the backups of this version, or delete it)",
                        imported.size(), sealer.file(), describe());
            }
            return imported.size();
        } catch (SQLException e) {
            throw failure("cannot be created", e);
        }
    }

    @Override
    public long revision() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT revision FROM crypto_device_store WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new CryptoException("The " + describe() + " has no store row (crypto_device_store): deleted?");
            }
            return r.getLong(1);
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public Snapshot read() {
        try (Connection c = dataSource.getConnection()) {
            long revision;
            String check;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT master_key_check, revision FROM crypto_device_store WHERE id = 1");
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new CryptoException("The " + describe() + " has no store row (crypto_device_store): deleted?");
                }
                check = r.getString(1);
                revision = r.getLong(2);
            }
            if (!SoftwareKeystore.sameText(sealer.masterKeyCheck(), check)) {
                throw new CryptoException("The crypto-device " + describe() + " does not open with the configured "
                        + "master key (healthcard.crypto.device.master-key): it was created under another master key");
            }
            TreeMap<KeyId, StoredKey> keys = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + KEYS_TABLE);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Entry entry = new Entry(r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            r.getString(10));
                    if (!SoftwareKeystore.sameText(sealer.rowMac(entry), r.getString(11))) {
                        throw new CryptoException("The crypto-device " + describe() + " has been altered or damaged: "
                                + "the row of " + entry.label() + " v" + entry.version() + " fails its integrity "
                                + "check (HMAC-SM3 under the master key)");
                    }
                    StoredKey key = sealer.fromEntry(entry);
                    keys.put(key.id(), key);
                }
            }
            return new Snapshot(keys, revision);
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public long add(StoredKey key, Collection<StoredKey> all) {
        return change(c -> {
            insert(c, key);
            return true;
        });
    }

    @Override
    public long update(StoredKey before, StoredKey after, Collection<StoredKey> all) {
        return change(c -> {
            Entry e = SoftwareKeystore.toEntry(after);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + KEYS_TABLE + " SET key_state = ?, origin = ?, "
                    + "created = ?, material = ?, row_mac = ? WHERE key_label = ? AND key_version = ? AND key_state = ? "
                    + "AND row_mac = ?")) {
                s.setString(1, e.state());
                s.setString(2, e.origin());
                s.setString(3, e.created());
                s.setString(4, e.material());
                s.setString(5, sealer.rowMac(e));
                s.setString(6, e.label());
                s.setInt(7, e.version());
                s.setString(8, before.info().state().name());
                s.setString(9, sealer.rowMac(SoftwareKeystore.toEntry(before)));
                return s.executeUpdate() == 1;
            }
        });
    }

    private interface Change {
        boolean apply(Connection c) throws SQLException;
    }

    /** Runs a change and increments the revision in one transaction; the new revision, or CONFLICT. */
    private long change(Change change) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!change.apply(c)) {
                    c.rollback();
                    return CONFLICT;
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE crypto_device_store SET revision = revision + 1 WHERE id = 1")) {
                    if (s.executeUpdate() != 1) {
                        throw new CryptoException("The " + describe() + " has no store row (crypto_device_store)");
                    }
                }
                long revision;
                try (PreparedStatement s = c.prepareStatement("SELECT revision FROM crypto_device_store WHERE id = 1");
                     ResultSet r = s.executeQuery()) {
                    r.next();
                    revision = r.getLong(1);
                }
                c.commit();
                return revision;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && isDuplicate(sql)) {
                    return CONFLICT;
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
    }

    private void insert(Connection c, StoredKey key) throws SQLException {
        Entry e = SoftwareKeystore.toEntry(key);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + KEYS_TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.label());
            s.setInt(2, e.version());
            s.setString(3, e.type());
            s.setString(4, e.usage());
            s.setString(5, e.state());
            s.setString(6, e.origin());
            s.setString(7, e.created());
            s.setString(8, e.checkValue());
            s.setString(9, e.publicKey());
            s.setString(10, e.material());
            s.setString(11, sealer.rowMac(e));
            s.executeUpdate();
        }
    }

    /** A unique-constraint violation: SQL state 23505 on H2 and PostgreSQL, ORA-00001 (23000) on Oracle. */
    private static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                    || sql.getErrorCode() == 1 && "23000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private CryptoException failure(String what, SQLException e) {
        return new CryptoException("The crypto-device " + describe() + " " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "DatabaseKeystore[" + KEYS_TABLE + "]";
    }
}
