package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("KEY-02 KEY-03 PER-05 the software crypto device: keys generated and kept inside, sealed in the keystore file")
class SoftwareCryptoDeviceTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String MASTER = "00112233445566778899aabbccddeeff";
    private static final String OTHER_MASTER = "ffeeddccbbaa99887766554433221100";
    private static final byte[] DATA = "11010519491231002X 张三".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private Path keystore() {
        return directory.resolve("keys").resolve("crypto-device.keystore");
    }

    private SoftwareCryptoDevice open() {
        return new SoftwareCryptoDevice(keystore(), MASTER);
    }

    @Test
    @DisplayName("PER-05 on first start the device generates its own KEK and SM2 transport key pair, lists metadata only and writes the file with mode 600")
    void firstStart() throws IOException {
        SoftwareCryptoDevice device = open();

        assertThat(device.listKeys()).extracting(KeyInfo::id)
                .containsExactly(new KeyId(CryptoDevice.KEK_LABEL, 1), new KeyId(CryptoDevice.TRANSPORT_LABEL, 1));
        KeyInfo kek = device.keyInfo(new KeyId(CryptoDevice.KEK_LABEL, 1)).orElseThrow();
        assertThat(kek.type()).isEqualTo(KeyType.SM4);
        assertThat(kek.usage()).isEqualTo(KeyUsage.KEY_ENCRYPTION);
        assertThat(kek.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(kek.origin()).isEqualTo(KeyOrigin.GENERATED);
        assertThat(kek.checkValue()).matches("[0-9A-F]{8}");
        assertThat(device.publicKey(device.currentKey(CryptoDevice.TRANSPORT_LABEL))).hasSize(65);
        assertThat(keystore()).exists();
        if (Files.getFileStore(keystore()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore()))).isEqualTo("rw-------");
        }
        try (var files = Files.list(keystore().getParent())) {
            assertThat(files).as("no temporary file is left behind").containsExactly(keystore());
        }
    }

    @Test
    @DisplayName("KEY-02 keys survive a restart of the device from the same file")
    void keysSurviveRestart() {
        SoftwareCryptoDevice first = open();
        KeyId dataKey = first.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        KeyId signingKey = first.generateSm2KeyPair("test.sign", KeyUsage.SIGNATURE).id();
        byte[] ciphertext = first.sm4EncryptGcm(dataKey, new byte[0], DATA);
        byte[] signature = first.sm2Sign(signingKey, DATA);

        SoftwareCryptoDevice second = open();

        assertThat(second.listKeys()).isEqualTo(first.listKeys());
        assertThat(second.sm4DecryptGcm(dataKey, new byte[0], ciphertext)).isEqualTo(DATA);
        assertThat(second.sm2Verify(second.publicKey(signingKey), DATA, signature)).isTrue();
    }

    @Test
    @DisplayName("KEY-03 a wrong master key is refused with a clear error that does not show the key")
    void wrongMasterKey() {
        open();

        assertThatThrownBy(() -> new SoftwareCryptoDevice(keystore(), OTHER_MASTER))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("does not open with the configured master key")
                .hasMessageContaining("healthcard.crypto.device.master-key")
                .hasMessageNotContaining(OTHER_MASTER).hasMessageNotContaining(MASTER);
        assertThatThrownBy(() -> new SoftwareCryptoDevice(keystore(), "not-a-key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 hexadecimal characters");
    }

    @Test
    @DisplayName("KEY-03 an altered keystore (an archived key set back to active) is refused")
    void alteredKeystore() throws IOException {
        SoftwareCryptoDevice device = open();
        KeyId key = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        device.archive(key);
        String json = Files.readString(keystore());
        Files.writeString(keystore(), json.replace("\"ARCHIVED\"", "\"ACTIVE\""));

        assertThatThrownBy(this::open).isInstanceOf(CryptoException.class).hasMessageContaining("altered or damaged");
    }

    @Test
    @DisplayName("PER-05 the keystore file never contains a key in plaintext (raw, hex or Base64), nor the master key")
    void noPlaintextKeyInTheFile() throws IOException {
        SoftwareCryptoDevice device = open();
        byte[] kek = HEX.parseHex("8899aabbccddeeff0011223344556677");
        byte[] sm4 = HEX.parseHex("0123456789abcdeffedcba9876543210");
        byte[] sm2 = HEX.parseHex(CryptoDeviceKnownAnswerTest.SM2_PRIVATE);
        TestKms kms = new TestKms(kek, "kms.kek");
        kms.importKey(device, new KeyId("test.data", 1), KeyType.SM4, KeyUsage.DATA, sm4);
        kms.importKey(device, new KeyId("test.sign", 1), KeyType.SM2, KeyUsage.SIGNATURE, sm2);
        device.sm4EncryptEcb(new KeyId("test.data", 1), new byte[16]);

        byte[] file = Files.readAllBytes(keystore());

        for (byte[] secret : List.of(kek, sm4, sm2, HEX.parseHex(MASTER))) {
            assertThat(forms(secret)).allSatisfy(form -> assertThat(indexOf(file, form)).as("found in the file").isEqualTo(-1));
        }
    }

    @Test
    @DisplayName("PER-05 export yields only wrapped bytes; they import on a second device that shares the KEK (sent in an SM2 envelope) and nowhere else")
    void exportAndImportUnderASharedKek(@TempDir Path otherDirectory) {
        SoftwareCryptoDevice a = open();
        SoftwareCryptoDevice b = new SoftwareCryptoDevice(otherDirectory.resolve("b.keystore"), OTHER_MASTER);
        SoftwareCryptoDevice stranger = new SoftwareCryptoDevice(otherDirectory.resolve("c.keystore"), MASTER);
        KeyId kekA = a.currentKey(CryptoDevice.KEK_LABEL);
        KeyId dataKey = a.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        KeyId signingKey = a.generateSm2KeyPair("test.sign", KeyUsage.SIGNATURE).id();

        // A sends its KEK to B's transport key; B keeps it under its own label
        byte[] envelope = a.exportKeyEnvelope(kekA, b.publicKey(b.currentKey(CryptoDevice.TRANSPORT_LABEL)));
        KeyInfo kekOnB = b.importKeyEnvelope(b.currentKey(CryptoDevice.TRANSPORT_LABEL), envelope, "partner-a.kek");
        assertThat(kekOnB.checkValue()).isEqualTo(a.keyCheckValue(kekA));
        assertThat(kekOnB.usage()).isEqualTo(KeyUsage.KEY_ENCRYPTION);

        WrappedKey wrapped = WrappedKey.parse(a.exportKey(dataKey).encoded());
        WrappedKey wrappedPair = WrappedKey.parse(a.exportKey(signingKey).encoded());
        assertThat(wrapped.kek()).isEqualTo(kekA);
        assertThat(wrapped.ciphertext()).hasSize(12 + 16 + 16);

        KeyInfo imported = b.importKey(wrapped, kekOnB.id());
        b.importKey(wrappedPair, kekOnB.id());

        assertThat(imported.id()).isEqualTo(dataKey);
        assertThat(imported.origin()).isEqualTo(KeyOrigin.IMPORTED);
        assertThat(imported.checkValue()).isEqualTo(a.keyCheckValue(dataKey));
        assertThat(b.sm4DecryptGcm(dataKey, null, a.sm4EncryptGcm(dataKey, null, DATA))).isEqualTo(DATA);
        assertThat(a.sm2Verify(a.publicKey(signingKey), DATA, b.sm2Sign(signingKey, DATA))).isTrue();
        assertThat(b.publicKey(signingKey)).isEqualTo(a.publicKey(signingKey));

        assertThatThrownBy(() -> stranger.importKey(wrapped))
                .isInstanceOf(CryptoException.class).hasMessageContaining("wrapped under a KEK with check value");
        assertThatThrownBy(() -> b.importKey(wrapped, kekOnB.id()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("already holds a key test.data v1");
    }

    @Test
    @DisplayName("PER-05 a wrapped key whose metadata was changed (usage, label) does not unwrap")
    void wrappedMetadataIsAuthenticated(@TempDir Path otherDirectory) {
        SoftwareCryptoDevice device = open();
        KeyId kek = device.currentKey(CryptoDevice.KEK_LABEL);
        WrappedKey wrapped = device.exportKey(device.generateSymmetricKey("test.root", KeyUsage.DERIVATION).id());
        device.destroy(new KeyId("test.root", 1));

        WrappedKey asDataKey = new WrappedKey(new KeyId("test.other", 1), wrapped.type(), KeyUsage.DATA,
                wrapped.checkValue(), wrapped.kek(), wrapped.kekCheckValue(), wrapped.ciphertext());
        WrappedKey relabelled = new WrappedKey(new KeyId("test.other", 1), wrapped.type(), wrapped.usage(),
                wrapped.checkValue(), wrapped.kek(), wrapped.kekCheckValue(), wrapped.ciphertext());

        assertThatThrownBy(() -> device.importKey(asDataKey, kek))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not unwrap");
        assertThatThrownBy(() -> device.importKey(relabelled, kek))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not unwrap");
    }

    @Test
    @DisplayName("PER-05 key-encryption, transport, derivation and signature keys refuse data operations, so wrapped keys stay wrapped")
    void usagesAreEnforced() {
        SoftwareCryptoDevice device = open();
        KeyId kek = device.currentKey(CryptoDevice.KEK_LABEL);
        KeyId transport = device.currentKey(CryptoDevice.TRANSPORT_LABEL);
        KeyId root = device.generateSymmetricKey("test.root", KeyUsage.DERIVATION).id();
        KeyId signing = device.generateSm2KeyPair("test.sign", KeyUsage.SIGNATURE).id();
        KeyId data = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        byte[] wrapped = device.exportKey(data).ciphertext();

        assertThatThrownBy(() -> device.sm4DecryptGcm(kek, null, wrapped))
                .isInstanceOf(CryptoException.class).hasMessageContaining("KEY_ENCRYPTION key: it cannot decrypt");
        assertThatThrownBy(() -> device.sm4EncryptEcb(root, new byte[16]))
                .isInstanceOf(CryptoException.class).hasMessageContaining("DERIVATION key");
        assertThatThrownBy(() -> device.sm2Decrypt(transport, device.sm2Encrypt(device.publicKey(transport), DATA)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("KEY_TRANSPORT key");
        assertThatThrownBy(() -> device.sm2Decrypt(signing, new byte[120]))
                .isInstanceOf(CryptoException.class).hasMessageContaining("SIGNATURE key");
        assertThatThrownBy(() -> device.exportKeyEnvelope(data, device.publicKey(transport)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("DATA key");
        assertThatThrownBy(() -> device.exportKey(kek, data))
                .isInstanceOf(CryptoException.class).hasMessageContaining("cannot wrap a key");
        assertThatThrownBy(() -> device.generateSymmetricKey("test.data", KeyUsage.KEY_ENCRYPTION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds SM4 DATA keys");
        assertThatThrownBy(() -> device.generateSm2KeyPair("test.pair", KeyUsage.DERIVATION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot have usage");
        assertThatThrownBy(() -> device.sm4EncryptEcb(new KeyId("test.unknown", 1), new byte[16]))
                .isInstanceOf(CryptoException.class).hasMessageContaining("has no key test.unknown v1");
    }

    @Test
    @DisplayName("KEY-02 versions, archive and destroy: the current key is the newest active one; archived keys only decrypt; destroyed keys are erased from the file")
    void lifecycle() throws IOException {
        SoftwareCryptoDevice device = open();
        KeyId v1 = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        byte[] ecb = device.sm4EncryptEcb(v1, new byte[16]);
        byte[] gcm = device.sm4EncryptGcm(v1, null, DATA);
        KeyId v2 = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();

        assertThat(v2).isEqualTo(new KeyId("test.data", 2));
        assertThat(device.currentKey("test.data")).isEqualTo(v2);

        assertThat(device.archive(v1).state()).isEqualTo(KeyState.ARCHIVED);
        assertThat(device.sm4DecryptEcb(v1, ecb)).isEqualTo(new byte[16]);
        assertThat(device.sm4DecryptGcm(v1, null, gcm)).isEqualTo(DATA);
        assertThatThrownBy(() -> device.sm4EncryptEcb(v1, new byte[16]))
                .isInstanceOf(CryptoException.class).hasMessageContaining("archived");
        assertThatThrownBy(() -> device.exportKey(v1)).isInstanceOf(CryptoException.class).hasMessageContaining("archived");

        device.archive(v2);
        assertThatThrownBy(() -> device.currentKey("test.data"))
                .isInstanceOf(CryptoException.class).hasMessageContaining("no active key labelled 'test.data'");

        String sealedBefore = sealedMaterial(v1);
        assertThat(device.destroy(v1).state()).isEqualTo(KeyState.DESTROYED);
        assertThatThrownBy(() -> device.sm4DecryptEcb(v1, ecb)).isInstanceOf(CryptoException.class).hasMessageContaining("destroyed");
        assertThatThrownBy(() -> device.archive(v1)).isInstanceOf(CryptoException.class).hasMessageContaining("destroyed");
        assertThat(Files.readString(keystore())).doesNotContain(sealedBefore);
        assertThat(open().keyInfo(v1).orElseThrow().state()).isEqualTo(KeyState.DESTROYED);
        assertThat(open().generateSymmetricKey("test.data", KeyUsage.DATA).id().version()).isEqualTo(3);
    }

    @Test
    @DisplayName("KEY-02 versions(label): the versions of one label only, oldest first, with their states (destroyed ones included), current after every generation and import; empty for an unknown label or a non-label")
    void versionsOfALabel() {
        SoftwareCryptoDevice device = open();
        KeyId v1 = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        device.generateSymmetricKey("test.data-other", KeyUsage.DATA);
        device.generateSymmetricKey("test.dat", KeyUsage.DATA);
        KeyId v2 = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        device.archive(v1);
        assertThat(device.versions("test.data")).extracting(KeyInfo::id, KeyInfo::state)
                .containsExactly(tuple(v1, KeyState.ARCHIVED), tuple(v2, KeyState.ACTIVE));
        device.destroy(v1);
        KeyId v3 = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        assertThat(device.versions("test.data")).extracting(KeyInfo::id, KeyInfo::state).containsExactly(
                tuple(v1, KeyState.DESTROYED), tuple(v2, KeyState.ACTIVE), tuple(v3, KeyState.ACTIVE));
        assertThat(device.versions("test.data")).isEqualTo(device.listKeys().stream()
                .filter(k -> k.id().label().equals("test.data")).toList());
        assertThat(device.versions("test.none")).isEmpty();
        assertThat(device.versions("Not a label")).isEmpty();
        assertThat(device.versions(CryptoDevice.KEK_LABEL)).extracting(KeyInfo::id)
                .containsExactly(KeyId.of(CryptoDevice.KEK_LABEL, 1));
    }

    @Test
    @DisplayName("KEY-01 three-level hierarchy: provincial and city roots derived and stored by child = SM4-ECB(parent, f || ~f); a derived handle needs no storage")
    void derivation() {
        SoftwareCryptoDevice device = open();
        byte[] national = HEX.parseHex("0123456789abcdeffedcba9876543210");
        KeyId root = new TestKms(HEX.parseHex("8899aabbccddeeff0011223344556677"), "kms.kek")
                .importKey(device, new KeyId("national.root", 1), KeyType.SM4, KeyUsage.DERIVATION, national).id();
        byte[] province = "11000000".getBytes(StandardCharsets.US_ASCII);
        byte[] city = "11010000".getBytes(StandardCharsets.US_ASCII);

        KeyInfo provincial = device.deriveKey(root, province, "province-11.root", KeyUsage.DERIVATION);
        KeyInfo cityKey = device.deriveKey(provincial.id(), city, "city-1101.data", KeyUsage.DATA);

        byte[] expectedProvincial = Sm4.diversify(national, province);
        byte[] expectedCity = Sm4.diversify(expectedProvincial, city);
        assertThat(provincial.origin()).isEqualTo(KeyOrigin.DERIVED);
        assertThat(provincial.checkValue()).isEqualTo(Sm4.checkValue(expectedProvincial));
        assertThat(cityKey.checkValue()).isEqualTo(Sm4.checkValue(expectedCity));
        DerivedKey onTheFly = new DerivedKey(new DerivedKey(root, province), city);
        assertThat(device.keyCheckValue(onTheFly)).isEqualTo(cityKey.checkValue());
        assertThat(device.sm4EncryptEcb(onTheFly, new byte[32])).isEqualTo(device.sm4EncryptEcb(cityKey.id(), new byte[32]))
                .isEqualTo(Sm4.encryptEcb(expectedCity, new byte[32]));
        assertThatThrownBy(() -> device.keyCheckValue(new DerivedKey(cityKey.id(), province)))
                .as("only DERIVATION keys are parents").isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new DerivedKey(root, new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("KEY-03 SM4-CBC and SM4-GCM round trips; GCM refuses other additional data and altered ciphertext; ECB and CBC refuse partial blocks")
    void sm4Modes() {
        SoftwareCryptoDevice device = open();
        KeyId key = device.generateSymmetricKey("test.data", KeyUsage.DATA).id();
        byte[] iv = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] blocks = new byte[48];

        assertThat(device.sm4DecryptCbc(key, iv, device.sm4EncryptCbc(key, iv, blocks))).isEqualTo(blocks);
        byte[] cbc = device.sm4EncryptCbc(key, iv, blocks);
        assertThat(java.util.Arrays.copyOfRange(cbc, 16, 32)).as("chained: equal blocks encrypt differently")
                .isNotEqualTo(java.util.Arrays.copyOfRange(cbc, 0, 16));

        byte[] aad = "card 110105000000000001".getBytes(StandardCharsets.US_ASCII);
        byte[] gcm = device.sm4EncryptGcm(key, aad, DATA);
        assertThat(gcm).hasSize(12 + DATA.length + 16).isNotEqualTo(device.sm4EncryptGcm(key, aad, DATA));
        assertThat(device.sm4DecryptGcm(key, aad, gcm)).isEqualTo(DATA);
        assertThatThrownBy(() -> device.sm4DecryptGcm(key, new byte[0], gcm)).isInstanceOf(CryptoException.class);
        gcm[20] ^= 1;
        assertThatThrownBy(() -> device.sm4DecryptGcm(key, aad, gcm)).isInstanceOf(CryptoException.class);

        assertThatThrownBy(() -> device.sm4EncryptEcb(key, new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> device.sm4EncryptCbc(key, iv, new byte[17])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> device.sm4EncryptCbc(key, new byte[8], blocks)).isInstanceOf(IllegalArgumentException.class);
        assertThat(device.hmacSm3(key, DATA)).hasSize(32).isEqualTo(device.hmacSm3(key, DATA));
    }

    @Test
    @DisplayName("KEY-03 no toString shows key material: device, key metadata, wrapped keys and derived handles")
    void toStringsShowNoKeyMaterial() {
        SoftwareCryptoDevice device = open();
        byte[] secret = HEX.parseHex("0123456789abcdeffedcba9876543210");
        TestKms kms = new TestKms(HEX.parseHex("8899aabbccddeeff0011223344556677"), "kms.kek");
        KeyInfo info = kms.importKey(device, new KeyId("test.root", 1), KeyType.SM4, KeyUsage.DERIVATION, secret);
        WrappedKey wrapped = device.exportKey(info.id());

        List<String> texts = List.of(device.toString(), info.toString(), wrapped.toString(),
                new DerivedKey(info.id(), new byte[8]).toString(), device.listKeys().toString());

        assertThat(wrapped.toString()).contains("test.root v1").doesNotContain(Base64.getEncoder().encodeToString(wrapped.ciphertext()));
        for (String text : texts) {
            for (String form : textForms(secret)) {
                assertThat(text).doesNotContainIgnoringCase(form);
            }
            assertThat(text).doesNotContainIgnoringCase(MASTER);
        }
    }

    @Test
    @DisplayName("KEY-02 thread-safe: concurrent generation gives distinct versions, all in the file")
    void concurrentGeneration() throws Exception {
        SoftwareCryptoDevice device = open();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<KeyId>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tasks.add(() -> device.generateSymmetricKey("test.data", KeyUsage.DATA).id());
            }
            Set<Integer> versions = new HashSet<>();
            for (Future<KeyId> future : pool.invokeAll(tasks)) {
                versions.add(future.get().version());
            }
            assertThat(versions).hasSize(40).allSatisfy(v -> assertThat(v).isBetween(1, 40));
        } finally {
            pool.shutdown();
        }
        assertThat(open().listKeys()).hasSize(42);
    }

    @Test
    @DisplayName("KEY-02 one keystore file serves one process: a change by another writer is detected, not overwritten")
    void secondWriterIsRefused() {
        SoftwareCryptoDevice first = open();
        SoftwareCryptoDevice second = open();
        second.generateSymmetricKey("test.second", KeyUsage.DATA);

        assertThatThrownBy(() -> first.generateSymmetricKey("test.first", KeyUsage.DATA))
                .isInstanceOf(CryptoException.class).hasMessageContaining("changed by another process");
        assertThatCode(() -> open().currentKey("test.second")).doesNotThrowAnyException();
    }

    private String sealedMaterial(KeyId id) throws IOException {
        String json = Files.readString(keystore());
        int entry = json.indexOf("\"label\" : \"" + id.label() + "\",\n    \"version\" : " + id.version());
        int material = json.indexOf("\"material\" : \"", entry) + "\"material\" : \"".length();
        return json.substring(material, json.indexOf('"', material));
    }

    private static List<String> textForms(byte[] secret) {
        return List.of(HEX.formatHex(secret), HEX.formatHex(secret).toUpperCase(Locale.ROOT),
                Base64.getEncoder().encodeToString(secret));
    }

    private static List<byte[]> forms(byte[] secret) {
        List<byte[]> forms = new ArrayList<>();
        forms.add(secret);
        for (String text : textForms(secret)) {
            forms.add(text.getBytes(StandardCharsets.US_ASCII));
        }
        return forms;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
