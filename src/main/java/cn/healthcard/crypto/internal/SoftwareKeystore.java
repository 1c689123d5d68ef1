package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keystore file of the software device (decision 011): JSON with each key's metadata in the clear and its
 * material sealed with SM4-GCM under a key derived from the master key (metadata as additional authenticated data),
 * plus a check value of the master key and an HMAC-SM3 over the whole content, so that a wrong master key and an
 * altered file are told apart and refused. Written atomically (temporary file, forced to disk, moved over the old
 * one), mode 600 where the file system has POSIX permissions. Not thread-safe: the device serialises writes.
 *
 * <p>With a database the device keeps its keys in {@link DatabaseKeystore} instead (one store for every node); this
 * class then only seals and opens key material under the master key, and the file at the configured path is read
 * once, to import it into an empty database store.
 */
final class SoftwareKeystore implements KeyStorage {

    static final String FORMAT = "healthcard-software-crypto-device";
    static final int FORMAT_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(SoftwareKeystore.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final char SEPARATOR = '\u001F';
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final byte[] sealingKey;
    private final byte[] macKey;
    private final String masterKeyCheck;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The MAC of the content last read or written, to notice another process writing the same file. */
    private String lastMac;

    /** A keystore at {@code file} under the 16-byte {@code masterKey}, which is not kept (only keys derived from it). */
    SoftwareKeystore(Path file, byte[] masterKey) {
        if (masterKey.length != Sm4.BLOCK_SIZE) {
            throw new IllegalArgumentException("The master key has 16 bytes, not " + masterKey.length);
        }
        this.file = file.toAbsolutePath().normalize();
        this.sealingKey = Arrays.copyOf(Sm3.hmac(masterKey, purpose("key sealing")), Sm4.BLOCK_SIZE);
        this.macKey = Sm3.hmac(masterKey, purpose("integrity"));
        this.masterKeyCheck = HEX.formatHex(Sm3.hmac(masterKey, purpose("master key check")), 0, 8);
    }

    private static byte[] purpose(String purpose) {
        return (FORMAT + " " + FORMAT_VERSION + ": " + purpose).getBytes(StandardCharsets.US_ASCII);
    }

    Path file() {
        return file;
    }

    /** The check value of the master key (16 hex digits): the same in the file and in the database store. */
    String masterKeyCheck() {
        return masterKeyCheck;
    }

    @Override
    public SoftwareKeystore sealer() {
        return this;
    }

    @Override
    public Snapshot read() {
        return new Snapshot(exists() ? load() : new TreeMap<>(), 0);
    }

    @Override
    public long add(StoredKey key, Collection<StoredKey> all) {
        save(all);
        return 0;
    }

    @Override
    public long update(StoredKey before, StoredKey after, Collection<StoredKey> all) {
        save(all);
        return 0;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public long revision() {
        return 0;
    }

    @Override
    public String describe() {
        return "keystore " + file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** A key as kept in the file: metadata, sealed material (null once destroyed) and, for SM2, the public key. */
    record StoredKey(KeyInfo info, byte[] sealed, byte[] publicKey) {

        KeyId id() {
            return info.id();
        }

        StoredKey withState(KeyState state) {
            KeyInfo i = info;
            return new StoredKey(new KeyInfo(i.id(), i.type(), i.usage(), state, i.origin(), i.created(), i.checkValue()),
                    state == KeyState.DESTROYED ? null : sealed, publicKey);
        }

        @Override
        public String toString() {
            return "StoredKey[" + info + "]";
        }
    }

    /** Seals key material for {@code info}: {@code iv || SM4-GCM ciphertext || tag}. */
    byte[] seal(KeyInfo info, byte[] publicKey, byte[] material, SecureRandom random) {
        byte[] iv = new byte[Sm4.GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = Sm4.encryptGcm(sealingKey, iv, sealingAad(info, publicKey), material);
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }

    /**
     * The key material of {@code key}; the caller erases it after use.
     *
     * @throws CryptoException if the key is destroyed or its material does not authenticate
     */
    byte[] open(StoredKey key) {
        if (key.sealed() == null) {
            throw new CryptoException("The key " + key.id() + " is destroyed");
        }
        byte[] sealed = key.sealed();
        try {
            return Sm4.decryptGcm(sealingKey, Arrays.copyOf(sealed, Sm4.GCM_IV_BYTES),
                    sealingAad(key.info(), key.publicKey()), Arrays.copyOfRange(sealed, Sm4.GCM_IV_BYTES, sealed.length));
        } catch (CryptoException e) {
            throw new CryptoException("The key " + key.id() + " does not open under the master key: damaged", e);
        }
    }

    private static byte[] sealingAad(KeyInfo info, byte[] publicKey) {
        return String.join(String.valueOf(SEPARATOR), FORMAT, info.id().label(), Integer.toString(info.id().version()),
                info.type().name(), info.usage().name(), info.origin().name(), info.created().toString(),
                info.checkValue(), publicKey == null ? "" : HEX.formatHex(publicKey)).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- file

    /** The JSON document. */
    record Document(String format, int formatVersion, String masterKeyCheck, List<Entry> keys, String mac) {
    }

    /** One key in the JSON document. */
    record Entry(String label, int version, String type, String usage, String state, String origin, String created,
                 String checkValue, String publicKey, String material) {
    }

    /**
     * Reads every key.
     *
     * @throws CryptoException if the file is not a keystore, was made with another master key, or was altered
     */
    TreeMap<KeyId, StoredKey> load() {
        Document document;
        try {
            document = json.readValue(Files.readAllBytes(file), Document.class);
        } catch (IOException e) {
            throw new CryptoException("The crypto-device keystore " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(document.format()) || document.formatVersion() != FORMAT_VERSION || document.keys() == null) {
            throw new CryptoException("The file " + file + " is not a crypto-device keystore of format " + FORMAT
                    + " version " + FORMAT_VERSION);
        }
        if (!MessageDigest.isEqual(bytes(masterKeyCheck), bytes(document.masterKeyCheck()))) {
            throw new CryptoException("The crypto-device keystore " + file + " does not open with the configured master "
                    + "key (healthcard.crypto.device.master-key): it was created under another master key");
        }
        if (!MessageDigest.isEqual(bytes(mac(document.keys())), bytes(document.mac()))) {
            throw new CryptoException("The crypto-device keystore " + file + " has been altered or damaged: its "
                    + "integrity check (HMAC-SM3 under the master key) fails");
        }
        warnIfReadableByOthers();
        TreeMap<KeyId, StoredKey> keys = new TreeMap<>();
        for (Entry entry : document.keys()) {
            StoredKey key = fromEntry(entry);
            keys.put(key.id(), key);
        }
        lastMac = document.mac();
        return keys;
    }

    /**
     * Writes every key, replacing the file atomically.
     *
     * @throws CryptoException if another process changed the file since this one read or wrote it, or writing fails
     */
    void save(Collection<StoredKey> keys) {
        if (Files.exists(file)) {
            String onDisk;
            try {
                onDisk = json.readValue(Files.readAllBytes(file), Document.class).mac();
            } catch (IOException e) {
                throw new CryptoException("The crypto-device keystore " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (lastMac == null || !lastMac.equals(onDisk)) {
                throw new CryptoException("The crypto-device keystore " + file + " was changed by another process: "
                        + "one keystore file serves one application process; restart to read it again");
            }
        }
        List<Entry> entries = keys.stream().sorted((a, b) -> a.id().compareTo(b.id())).map(SoftwareKeystore::toEntry).toList();
        String mac = mac(entries);
        byte[] content;
        try {
            content = json.writeValueAsBytes(new Document(FORMAT, FORMAT_VERSION, masterKeyCheck, entries, mac));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            writeAtomically(content);
        } catch (IOException e) {
            throw new CryptoException("The crypto-device keystore " + file + " cannot be written: " + e, e);
        }
        lastMac = mac;
    }

    private void writeAtomically(byte[] content) throws IOException {
        Path directory = file.getParent();
        boolean posix = Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory, posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile
            }
        }
        Path temporary = posix
                ? Files.createTempFile(directory, file.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path existingAncestor(Path path) {
        Path current = path;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? Path.of(".").toAbsolutePath() : current;
    }

    private void warnIfReadableByOthers() {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                log.warn("The crypto-device keystore {} can be read by others than its owner; it is set to mode 600 "
                        + "on the next write (chmod 600 it now)", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions here
        }
    }

    private String mac(List<Entry> entries) {
        StringBuilder canonical = new StringBuilder(FORMAT).append(SEPARATOR).append(FORMAT_VERSION).append(SEPARATOR)
                .append(masterKeyCheck);
        for (Entry e : entries) {
            canonical.append('\u001E');
            for (Object field : new Object[]{e.label(), e.version(), e.type(), e.usage(), e.state(), e.origin(),
                    e.created(), e.checkValue(), e.publicKey(), e.material()}) {
                canonical.append(field == null ? "" : field).append(SEPARATOR);
            }
        }
        return HEX.formatHex(Sm3.hmac(macKey, canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SM3 of one key row of the database store, over every field including state and sealed material. */
    String rowMac(Entry e) {
        StringBuilder canonical = new StringBuilder(FORMAT).append(SEPARATOR).append(FORMAT_VERSION).append(SEPARATOR)
                .append("row").append(SEPARATOR).append(masterKeyCheck);
        for (Object field : new Object[]{e.label(), e.version(), e.type(), e.usage(), e.state(), e.origin(),
                e.created(), e.checkValue(), e.publicKey(), e.material()}) {
            canonical.append(SEPARATOR).append(field == null ? "" : field);
        }
        return HEX.formatHex(Sm3.hmac(macKey, canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(bytes(a), bytes(b));
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII);
    }

    static Entry toEntry(StoredKey key) {
        KeyInfo i = key.info();
        return new Entry(i.id().label(), i.id().version(), i.type().name(), i.usage().name(), i.state().name(),
                i.origin().name(), i.created().toString(), i.checkValue(),
                key.publicKey() == null ? null : HEX.formatHex(key.publicKey()),
                key.sealed() == null ? null : Base64.getEncoder().encodeToString(key.sealed()));
    }

    StoredKey fromEntry(Entry e) {
        try {
            KeyInfo info = new KeyInfo(new KeyId(e.label(), e.version()), KeyType.valueOf(e.type()),
                    KeyUsage.valueOf(e.usage()), KeyState.valueOf(e.state()), KeyOrigin.valueOf(e.origin()),
                    Instant.parse(e.created()), e.checkValue());
            return new StoredKey(info, e.material() == null ? null : Base64.getDecoder().decode(e.material()),
                    e.publicKey() == null ? null : HEX.parseHex(e.publicKey()));
        } catch (RuntimeException ex) {
            throw new CryptoException("The crypto-device keystore " + file + " has a malformed key entry '" + e.label()
                    + "'", ex);
        }
    }

    @Override
    public String toString() {
        return "SoftwareKeystore[" + file + "]";
    }
}
