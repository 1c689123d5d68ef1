package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyOrigin;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PER-05 KEY-02 the personal-data and blind-index keys live in the crypto device, versioned (decision 017)")
class PersonalDataKeysTest {

    private static final cn.healthcard.crypto.PersonalDataBinding PLACE =
            cn.healthcard.crypto.PersonalDataBinding.of("resident", "name_enc", "test-row");
    private static final byte[] BINDING = PLACE.encoded();

    private static final HexFormat HEX = HexFormat.of();
    private static final CryptoProperties NO_LEGACY = new CryptoProperties(null, null);
    private static final CryptoProperties DEMO = new CryptoProperties(CryptoProperties.DEMO_PERSONAL_DATA_KEY,
            CryptoProperties.DEMO_BLIND_INDEX_KEY);

    @TempDir
    Path directory;

    private Path keystore() {
        return directory.resolve("device.keystore");
    }

    @Test
    @DisplayName("PER-05 personal data key never leaves the device: generated inside on first start, sealed in the keystore, the port works by label")
    void generatedInsideTheDevice() throws Exception {
        CryptoDevice device = TestCrypto.device(keystore());
        PersonalDataProtector protector = new PersonalDataProtector(TestCrypto.port(device, NO_LEGACY),
                PersonalDataProtector.UnboundPolicy.ACCEPT);

        for (KeyRef key : KeyRef.values()) {
            KeyInfo info = device.keyInfo(new KeyId(key.label(), 1)).orElseThrow();
            assertThat(info.origin()).isEqualTo(KeyOrigin.GENERATED);
            assertThat(info.usage()).isEqualTo(KeyUsage.DATA);
            // the only way out is wrapped under a KEK: take it out under a test KEK to look for it in the file
            byte[] material = exported(device, info.id());
            String file = Files.readString(keystore());
            assertThat(file).doesNotContainIgnoringCase(HEX.formatHex(material))
                    .doesNotContain(Base64.getEncoder().encodeToString(material));
        }
        String stored = protector.seal("11010519491231002X", PLACE);
        assertThat(protector.open(stored, PLACE)).isEqualTo("11010519491231002X");
        assertThat(protector.blindIndex("resident.name", "张三")).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("PER-05 legacy keys: the configured keys are imported as version 1 through a one-time KEK (destroyed); legacy ciphertexts and blind indexes keep their values")
    void legacyImport() {
        CryptoDevice device = TestCrypto.device(keystore());
        CryptoPort port = TestCrypto.port(device, DEMO);
        PersonalDataProtector protector = new PersonalDataProtector(port, PersonalDataProtector.UnboundPolicy.ACCEPT);

        KeyInfo personal = device.keyInfo(new KeyId(KeyRef.PERSONAL_DATA.label(), 1)).orElseThrow();
        assertThat(personal.origin()).isEqualTo(KeyOrigin.IMPORTED);
        assertThat(personal.checkValue()).isEqualTo(Sm4.checkValue(HEX.parseHex(CryptoProperties.DEMO_PERSONAL_DATA_KEY)));
        assertThat(device.listKeys()).filteredOn(k -> k.id().label().equals(TestCrypto.importKekLabel()))
                .isNotEmpty().allMatch(k -> k.state() == KeyState.DESTROYED);
        assertThat(port.usesDemoKeys()).isTrue();

        // a ciphertext written before decision 017: iv || ct || tag under the configured key, no header
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        byte[] sealed = Sm4.encryptGcm(HEX.parseHex(CryptoProperties.DEMO_PERSONAL_DATA_KEY), iv, new byte[0],
                "张三".getBytes(StandardCharsets.UTF_8));
        byte[] legacy = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, legacy, iv.length, sealed.length);
        String stored = Base64.getEncoder().encodeToString(legacy);
        assertThat(protector.open(stored, PLACE)).isEqualTo("张三");
        assertThat(port.keyVersion(KeyRef.PERSONAL_DATA, legacy)).isEqualTo(1);

        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(HEX.parseHex(CryptoProperties.DEMO_BLIND_INDEX_KEY)));
        byte[] input = "resident.name\u001F张三".getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] expected = new byte[32];
        mac.doFinal(expected, 0);
        assertThat(protector.blindIndex("resident.name", "张三")).isEqualTo(HEX.formatHex(expected));
    }

    @Test
    @DisplayName("PER-05 after the import: the same configured key starts, another one stops the start, no key configured starts")
    void configuredKeyMustMatchTheDevice() {
        TestCrypto.port(TestCrypto.device(keystore()), DEMO);
        TestCrypto.port(TestCrypto.device(keystore()), DEMO);
        TestCrypto.port(TestCrypto.device(keystore()), NO_LEGACY);
        assertThatThrownBy(() -> TestCrypto.port(TestCrypto.device(keystore()), new CryptoProperties(
                "00112233445566778899aabbccddeeff", null)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("do not belong together")
                .hasMessageNotContaining("00112233445566778899aabbccddeeff");
    }

    @Test
    @DisplayName("KEY-02 data encrypted before a key update stays readable after it; new writes name the new version")
    void keyUpdate() {
        CryptoDevice device = TestCrypto.device(keystore());
        CryptoPort port = TestCrypto.port(device, DEMO);
        PersonalDataProtector protector = new PersonalDataProtector(port, PersonalDataProtector.UnboundPolicy.ACCEPT);
        String before = protector.seal("北京市朝阳区建国路88号", PLACE);
        assertThat(port.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(before))).isEqualTo(1);

        KeyInfo v2 = device.generateSymmetricKey(KeyRef.PERSONAL_DATA.label(), KeyUsage.DATA);
        device.archive(new KeyId(KeyRef.PERSONAL_DATA.label(), 1));

        assertThat(port.currentVersion(KeyRef.PERSONAL_DATA)).isEqualTo(v2.id().version()).isEqualTo(2);
        String after = protector.seal("北京市朝阳区建国路88号", PLACE);
        assertThat(port.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(after))).isEqualTo(2);
        assertThat(protector.open(before, PLACE)).isEqualTo("北京市朝阳区建国路88号");
        assertThat(protector.open(after, PLACE)).isEqualTo("北京市朝阳区建国路88号");

        String rewritten = protector.reencrypted(before, PLACE).orElseThrow();
        assertThat(port.keyVersion(KeyRef.PERSONAL_DATA, Base64.getDecoder().decode(rewritten))).isEqualTo(2);
        assertThat(protector.open(rewritten, PLACE)).isEqualTo("北京市朝阳区建国路88号");
        assertThat(protector.reencrypted(after, PLACE)).as("already under the current version").isEmpty();

        device.destroy(new KeyId(KeyRef.PERSONAL_DATA.label(), 1));
        assertThatThrownBy(() -> protector.open(before, PLACE)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("destroyed");
        assertThat(protector.open(rewritten, PLACE)).isEqualTo("北京市朝阳区建国路88号");
    }

    @Test
    @DisplayName("PER-05 the version header is authenticated: a ciphertext relabelled to another version does not decrypt")
    void headerIsAuthenticated() {
        CryptoDevice device = TestCrypto.device(keystore());
        CryptoPort port = TestCrypto.port(device, NO_LEGACY);
        byte[] v1 = port.encrypt(KeyRef.PERSONAL_DATA, new byte[] {1, 2, 3}, BINDING);
        device.generateSymmetricKey(KeyRef.PERSONAL_DATA.label(), KeyUsage.DATA);
        byte[] relabelled = v1.clone();
        relabelled[5] = 2;
        assertThatThrownBy(() -> port.decrypt(KeyRef.PERSONAL_DATA, relabelled, BINDING)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("does not authenticate");
        assertThat(port.decrypt(KeyRef.PERSONAL_DATA, v1, BINDING)).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("KEY-02 a second version of the blind-index key stops the start: blind indexes are not recomputed yet")
    void blindIndexHasOneVersion() {
        CryptoDevice device = TestCrypto.device(keystore());
        TestCrypto.port(device, NO_LEGACY);
        device.generateSymmetricKey(KeyRef.BLIND_INDEX.label(), KeyUsage.DATA);
        assertThatThrownBy(() -> TestCrypto.port(device, NO_LEGACY)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("not recomputed");
    }

    private static byte[] exported(CryptoDevice device, KeyId key) {
        byte[] kek = new byte[16];
        new SecureRandom().nextBytes(kek);
        KeyId transport = device.currentKey(CryptoDevice.TRANSPORT_LABEL);
        KeyId kekId = device.importKeyEnvelope(transport, device.sm2Encrypt(device.publicKey(transport), kek.clone()),
                "test.kek").id();
        return KeyWrap.unwrap(kek, device.exportKey(key, kekId));
    }
}
