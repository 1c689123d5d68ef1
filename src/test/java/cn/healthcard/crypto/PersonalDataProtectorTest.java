package cn.healthcard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.internal.TestCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SEC-02 personal data encrypted at rest (SM4-GCM) and searchable by blind index (HMAC-SM3)")
class PersonalDataProtectorTest {

    @TempDir
    static Path directory;

    private final PersonalDataProtector protector = protector(new CryptoProperties(
            CryptoProperties.DEMO_PERSONAL_DATA_KEY, CryptoProperties.DEMO_BLIND_INDEX_KEY));

    private static PersonalDataProtector protector(CryptoProperties properties) {
        return new PersonalDataProtector(TestCrypto.port(
                TestCrypto.device(directory.resolve(java.util.UUID.randomUUID() + ".keystore")), properties));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "11010519491231002X", "张三", "阿卜杜·热合曼 𠮷 北京市朝阳区建国路88号"})
    void stringsRoundTrip(String plaintext) {
        assertThat(protector.decrypt(protector.encrypt(plaintext))).isEqualTo(plaintext);
    }

    @Test
    void bytesRoundTrip() {
        byte[] photo = new byte[10_000];
        new Random(7).nextBytes(photo);

        assertThat(protector.decrypt(protector.encrypt(photo))).isEqualTo(photo);
    }

    @Test
    void nullStaysNull() {
        assertThat(protector.encrypt((String) null)).isNull();
        assertThat(protector.decrypt((String) null)).isNull();
        assertThat(protector.encrypt((byte[]) null)).isNull();
        assertThat(protector.decrypt((byte[]) null)).isNull();
        assertThat(protector.blindIndex("resident.name", null)).isNull();
    }

    @Test
    void ciphertextDiffersEveryTimeAndDoesNotContainThePlaintext() {
        String plaintext = "11010519491231002X";

        String first = protector.encrypt(plaintext);
        String second = protector.encrypt(plaintext);

        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain(plaintext);
        assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1)).doesNotContain(plaintext);
    }

    @Test
    void tamperedCiphertextIsRefused() {
        byte[] ciphertext = protector.encrypt("张三".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] tampered = ciphertext.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> protector.decrypt(tampered))
                    .isInstanceOf(CryptoException.class).hasMessageContaining("does not authenticate");
        }
    }

    @Test
    void truncatedOrMalformedCiphertextIsRefused() {
        byte[] ciphertext = protector.encrypt(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> protector.decrypt(Arrays.copyOf(ciphertext, ciphertext.length - 1)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> protector.decrypt(new byte[5])).isInstanceOf(CryptoException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> protector.decrypt("not base64!")).isInstanceOf(CryptoException.class)
                .hasMessageContaining("Base64");
    }

    @Test
    void ciphertextUnderAnotherKeyIsRefused() {
        PersonalDataProtector other = protector(new CryptoProperties(
                "00112233445566778899aabbccddeeff", CryptoProperties.DEMO_BLIND_INDEX_KEY));

        assertThatThrownBy(() -> other.decrypt(protector.encrypt("张三"))).isInstanceOf(CryptoException.class);
    }

    @Test
    void blindIndexIsDeterministicLowerCaseHex() {
        String index = protector.blindIndex("resident.documentNumber", "11010519491231002X");

        assertThat(index).matches("[0-9a-f]{64}")
                .isEqualTo(protector.blindIndex("resident.documentNumber", "11010519491231002X"))
                .isNotEqualTo(protector.blindIndex("resident.documentNumber", "110105199003071239"));
    }

    @Test
    void blindIndexIsSeparatedByPurpose() {
        assertThat(protector.blindIndex("resident.documentNumber", "13812345678"))
                .isNotEqualTo(protector.blindIndex("resident.phone", "13812345678"));
        assertThat(protector.blindIndex("a", "bc")).isNotEqualTo(protector.blindIndex("ab", "c"));
    }

    @Test
    void blindIndexDependsOnTheKey() {
        PersonalDataProtector other = protector(new CryptoProperties(
                CryptoProperties.DEMO_PERSONAL_DATA_KEY, "00112233445566778899aabbccddeeff"));

        assertThat(other.blindIndex("resident.name", "张三")).isNotEqualTo(protector.blindIndex("resident.name", "张三"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "a\u001Fb"})
    void blindIndexPurposeMustBeAPlainName(String purpose) {
        assertThatThrownBy(() -> protector.blindIndex(purpose, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertersStoreEncryptedAndReadBack() {
        EncryptedStringConverter strings = new EncryptedStringConverter(protector);
        EncryptedBytesConverter bytes = new EncryptedBytesConverter(protector);
        byte[] photo = {1, 2, 3, 4};

        String column = strings.convertToDatabaseColumn("张三");
        assertThat(column).isNotEqualTo("张三");
        assertThat(strings.convertToEntityAttribute(column)).isEqualTo("张三");
        assertThat(bytes.convertToEntityAttribute(bytes.convertToDatabaseColumn(photo))).isEqualTo(photo);
        assertThat(strings.convertToDatabaseColumn(null)).isNull();
        assertThat(bytes.convertToEntityAttribute(null)).isNull();
    }
}
