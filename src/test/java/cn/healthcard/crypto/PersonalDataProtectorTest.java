package cn.healthcard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.PersonalDataProtector.UnboundPolicy;
import cn.healthcard.crypto.internal.TestCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SEC-02 personal data encrypted at rest (SM4-GCM, bound to table, column and row) and searchable by blind index (HMAC-SM3)")
class PersonalDataProtectorTest {

    @TempDir
    static Path directory;

    private static final PersonalDataBinding A_NAME = PersonalDataBinding.of("resident", "name_enc", "resident-a");
    private static final PersonalDataBinding B_NAME = PersonalDataBinding.of("resident", "name_enc", "resident-b");
    private static final PersonalDataBinding A_ADDRESS = PersonalDataBinding.of("resident", "address_enc", "resident-a");

    private final PersonalDataProtector protector = protector(demoKeys(), UnboundPolicy.ACCEPT);

    private static CryptoProperties demoKeys() {
        return new CryptoProperties(CryptoProperties.DEMO_PERSONAL_DATA_KEY, CryptoProperties.DEMO_BLIND_INDEX_KEY);
    }

    private static PersonalDataProtector protector(CryptoProperties properties, UnboundPolicy unbound) {
        return new PersonalDataProtector(TestCrypto.port(
                TestCrypto.device(directory.resolve(java.util.UUID.randomUUID() + ".keystore")), properties), unbound);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "11010519491231002X", "张三", "阿卜杜·热合曼 𠮷 北京市朝阳区建国路88号"})
    void stringsRoundTrip(String plaintext) {
        assertThat(protector.open(protector.seal(plaintext, A_NAME), A_NAME)).isEqualTo(plaintext);
    }

    @Test
    void bytesRoundTrip() {
        byte[] photo = new byte[10_000];
        new Random(7).nextBytes(photo);
        PersonalDataBinding place = PersonalDataBinding.of("resident_photo", "data_enc", "resident-a");

        assertThat(protector.open(protector.seal(photo, place), place)).isEqualTo(photo);
    }

    @Test
    void nullStaysNull() {
        assertThat(protector.seal((String) null, A_NAME)).isNull();
        assertThat(protector.open((String) null, A_NAME)).isNull();
        assertThat(protector.seal((byte[]) null, A_NAME)).isNull();
        assertThat(protector.open((byte[]) null, A_NAME)).isNull();
        assertThat(protector.blindIndex("resident.name", null)).isNull();
    }

    @Test
    void ciphertextDiffersEveryTimeAndDoesNotContainThePlaintext() {
        String plaintext = "11010519491231002X";

        String first = protector.seal(plaintext, A_NAME);
        String second = protector.seal(plaintext, A_NAME);

        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain(plaintext);
        assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1)).doesNotContain(plaintext);
    }

    @Test
    void tamperedCiphertextIsRefused() {
        byte[] ciphertext = protector.seal("张三".getBytes(StandardCharsets.UTF_8), A_NAME);
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] tampered = ciphertext.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> protector.open(tampered, A_NAME))
                    .isInstanceOf(PersonalDataIntegrityException.class).hasMessageContaining("integrity");
        }
    }

    @Test
    void truncatedOrMalformedCiphertextIsRefused() {
        byte[] ciphertext = protector.seal(new byte[] {1, 2, 3}, A_NAME);

        assertThatThrownBy(() -> protector.open(Arrays.copyOf(ciphertext, ciphertext.length - 1), A_NAME))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> protector.open(new byte[5], A_NAME)).isInstanceOf(CryptoException.class)
                .hasStackTraceContaining("too short");
        assertThatThrownBy(() -> protector.open("not base64!", A_NAME)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("Base64");
    }

    @Test
    void ciphertextUnderAnotherKeyIsRefused() {
        PersonalDataProtector other = protector(new CryptoProperties(
                "00112233445566778899aabbccddeeff", CryptoProperties.DEMO_BLIND_INDEX_KEY), UnboundPolicy.ACCEPT);

        assertThatThrownBy(() -> other.open(protector.seal("张三", A_NAME), A_NAME))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    @DisplayName("SEC-02 a ciphertext sealed for one row, or one column, does not open in another: a clear integrity error naming the place, never the other resident's value")
    void boundToTableColumnAndRow() {
        String aName = protector.seal("张三", A_NAME);

        assertThatThrownBy(() -> protector.open(aName, B_NAME))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("resident.name_enc of row resident-b")
                .hasMessageNotContaining("张三")
                .satisfies(e -> assertThat(((PersonalDataIntegrityException) e).binding()).isEqualTo(B_NAME));
        assertThatThrownBy(() -> protector.open(aName, A_ADDRESS)).isInstanceOf(PersonalDataIntegrityException.class);
        assertThatThrownBy(() -> protector.open(aName, PersonalDataBinding.of("card_application", "name_enc",
                "resident-a"))).as("another table").isInstanceOf(PersonalDataIntegrityException.class);
        assertThat(protector.open(aName, A_NAME)).isEqualTo("张三");
    }

    @Test
    @DisplayName("SEC-02 the binding of a bound ciphertext cannot be stripped: relabelled as an unbound (HCP1) ciphertext it does not authenticate")
    void bindingCannotBeStripped() {
        byte[] sealed = protector.seal("张三".getBytes(StandardCharsets.UTF_8), A_NAME);
        assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("HCP2");
        byte[] relabelled = sealed.clone();
        relabelled[3] = '1';

        assertThatThrownBy(() -> protector.open(relabelled, A_NAME)).isInstanceOf(PersonalDataIntegrityException.class);
        assertThatThrownBy(() -> protector.open(relabelled, B_NAME)).isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    @DisplayName("SEC-02 KEY-02 an unbound ciphertext of before decision 022 is read and counted by default, refused when unbound ciphertexts are refused; re-encryption binds it")
    void unboundCiphertexts() throws Exception {
        String unbound = Base64.getEncoder().encodeToString(unboundCiphertext("张三"));

        assertThat(protector.open(unbound, A_NAME)).isEqualTo("张三");
        assertThat(protector.open(unbound, B_NAME)).as("unbound: no place to check").isEqualTo("张三");
        assertThat(protector.unboundReads()).isEqualTo(2);

        PersonalDataProtector strict = protector(demoKeys(), UnboundPolicy.REFUSE);
        assertThatThrownBy(() -> strict.open(unbound, A_NAME)).isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("unbound");

        String bound = strict.reencrypted(unbound, A_NAME).orElseThrow();
        assertThat(strict.open(bound, A_NAME)).isEqualTo("张三");
        assertThat(strict.reencrypted(bound, A_NAME)).as("bound and under the current version").isEmpty();
        assertThat(strict.unboundReads()).isZero();
    }

    /** The test vector of decision 022 (fixed key, IV, place and plaintext). */
    static final String VECTOR_KEY = CryptoProperties.DEMO_PERSONAL_DATA_KEY;
    static final String VECTOR_IV = "000102030405060708090a0b";
    static final PersonalDataBinding VECTOR_PLACE = PersonalDataBinding.of("resident", "name_enc",
            "7d3c1f0e-1b2a-4c5d-8e9f-a0b1c2d3e4f5");
    static final String VECTOR_BINDING = "0300087265736964656e7400086e616d655f656e63002437643363316630652d316232612d"
            + "346335642d386539662d613062316332643365346635";
    static final String VECTOR_CIPHERTEXT = "484350320001000102030405060708090a0bf25384c9e870911a743eec20cc35d328126f2b"
            + "a1191b";
    static final String VECTOR_STORED = "SENQMgABAAECAwQFBgcICQoL8lOEyehwkRp0PuwgzDXTKBJvK6EZGw==";

    @Test
    @DisplayName("SEC-02 test vector of decision 022: binding encoding, HCP2 ciphertext of 张三 at resident.name_enc under the demo key v1, and the protector reads it (and only there)")
    void testVector() throws Exception {
        assertThat(HexFormat.of().formatHex(VECTOR_PLACE.encoded())).isEqualTo(VECTOR_BINDING);
        byte[] header = {'H', 'C', 'P', '2', 0, 1};
        byte[] aad = new byte[header.length + VECTOR_PLACE.encoded().length];
        System.arraycopy(header, 0, aad, 0, header.length);
        System.arraycopy(VECTOR_PLACE.encoded(), 0, aad, header.length, VECTOR_PLACE.encoded().length);
        byte[] iv = HexFormat.of().parseHex(VECTOR_IV);
        byte[] body = gcm(HexFormat.of().parseHex(VECTOR_KEY), iv, aad, "张三".getBytes(StandardCharsets.UTF_8));
        byte[] expected = new byte[header.length + iv.length + body.length];
        System.arraycopy(header, 0, expected, 0, header.length);
        System.arraycopy(iv, 0, expected, header.length, iv.length);
        System.arraycopy(body, 0, expected, header.length + iv.length, body.length);

        assertThat(HexFormat.of().formatHex(expected)).isEqualTo(VECTOR_CIPHERTEXT);
        assertThat(Base64.getEncoder().encodeToString(expected)).isEqualTo(VECTOR_STORED);
        assertThat(protector.open(VECTOR_STORED, VECTOR_PLACE)).isEqualTo("张三");
        assertThatThrownBy(() -> protector.open(VECTOR_STORED, PersonalDataBinding.of("resident", "name_enc",
                "7d3c1f0e-1b2a-4c5d-8e9f-a0b1c2d3e4f6"))).isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void bindingEncodingIsUnambiguousAndNeedsARow() {
        assertThat(new PersonalDataBinding("t", "ab", List.of("c")).encoded())
                .isNotEqualTo(new PersonalDataBinding("t", "a", List.of("bc")).encoded());
        assertThat(new PersonalDataBinding("card_event", "form_data", List.of("1", "23")).encoded())
                .isNotEqualTo(new PersonalDataBinding("card_event", "form_data", List.of("12", "3")).encoded());
        assertThat(PersonalDataBinding.of("RESIDENT", "Name_Enc", "x")).isEqualTo(PersonalDataBinding.of("resident",
                "name_enc", "x"));
        assertThatThrownBy(() -> PersonalDataBinding.of("card_event", "form_data", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row identity");
    }

    /** {@code "HCP1" || 0001 || iv || SM4-GCM(demo key, aad = header) || tag}: the format of decision 017. */
    private static byte[] unboundCiphertext(String plaintext) throws Exception {
        byte[] header = {'H', 'C', 'P', '1', 0, 1};
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        byte[] body = gcm(HexFormat.of().parseHex(CryptoProperties.DEMO_PERSONAL_DATA_KEY), iv, header,
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[header.length + iv.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(iv, 0, out, header.length, iv.length);
        System.arraycopy(body, 0, out, header.length + iv.length, body.length);
        return out;
    }

    private static byte[] gcm(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws Exception {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(true, new AEADParameters(new KeyParameter(key), 128, iv, aad));
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        cipher.doFinal(out, n);
        return out;
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
                CryptoProperties.DEMO_PERSONAL_DATA_KEY, "00112233445566778899aabbccddeeff"), UnboundPolicy.ACCEPT);

        assertThat(other.blindIndex("resident.name", "张三")).isNotEqualTo(protector.blindIndex("resident.name", "张三"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "a\u001Fb"})
    void blindIndexPurposeMustBeAPlainName(String purpose) {
        assertThatThrownBy(() -> protector.blindIndex(purpose, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
