package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-card algorithms of design.md §5 with the keys inside the software device, imported under a KEK. */
@DisplayName("EHC-02 EHC-04 e-card ID and dynamic QR validity computed by the crypto device")
class EhcIdAlgorithmTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String MASTER_INDEX = "ABD17E7ED399EF68AB5660155D6E226D2C92EAC3254A4A66BED83AED0ADA1E9E";
    private static final byte[] ROOT = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final byte[] PROTECTION = HEX.parseHex("00112233445566778899AABBCCDDEEFF");

    @TempDir
    Path directory;

    private SoftwareCryptoDevice device;
    private EhcIdAlgorithm algorithm;

    @BeforeEach
    void importTheKeys() {
        device = new SoftwareCryptoDevice(directory.resolve("ehc.keystore"), "00112233445566778899aabbccddeeff");
        TestKms kms = new TestKms(HEX.parseHex("8899AABBCCDDEEFF0011223344556677"), "kms.kek");
        kms.importKey(device, new KeyId(EhcIdAlgorithm.APP_DATA_READ_KEY, 1), KeyType.SM4, KeyUsage.DERIVATION, ROOT);
        kms.importKey(device, new KeyId(EhcIdAlgorithm.INTERNAL_AUTH_KEY, 1), KeyType.SM4, KeyUsage.DATA, PROTECTION);
        algorithm = new EhcIdAlgorithm(device);
    }

    @Test
    @DisplayName("EHC-01 EHC-02 diversification data f of the master index (design.md §5): 92CDCE45A16799FD")
    void diversification() {
        assertThat(HEX.formatHex(EhcIdAlgorithm.diversification(MASTER_INDEX))).isEqualTo("92CDCE45A16799FD");
        assertThat(EhcIdAlgorithm.diversification(MASTER_INDEX.toLowerCase())).isEqualTo(EhcIdAlgorithm.diversification(MASTER_INDEX));
    }

    @Test
    @DisplayName("EHC-02 the user key SM4(root, f || ~f) is 86C63180C2806ED1F47B859DE501215B (checked by its check value; it never leaves the device)")
    void userKey() {
        String expected = Sm4.checkValue(HEX.parseHex("86C63180C2806ED1F47B859DE501215B"));

        assertThat(device.keyCheckValue(algorithm.userKey(MASTER_INDEX))).isEqualTo(expected).isEqualTo("B21063F4");
    }

    @Test
    @DisplayName("EHC-02 e-card ID test vector (design.md §5): \"01\"+\"11010020171225006X\" → 98FF9F2C…9A571928")
    void ehcIdVector() {
        assertThat(algorithm.ehcId(MASTER_INDEX, "01", "11010020171225006X"))
                .isEqualTo("98FF9F2C05145CB9305E9D8A57E072BB51180CA49E5BE5E9D41BCE3A9A571928");
    }

    @Test
    @DisplayName("EHC-02 the e-card ID depends on the master index and the document; 16 bytes of input need no padding block")
    void ehcIdVaries() {
        String other = "0000000000000000000000000000000000000000000000000000000000000001";

        assertThat(algorithm.ehcId(other, "01", "11010020171225006X"))
                .isNotEqualTo(algorithm.ehcId(MASTER_INDEX, "01", "11010020171225006X"));
        assertThat(algorithm.ehcId(MASTER_INDEX, "03", "E12345678")).hasSize(32);
        assertThat(algorithm.ehcId(MASTER_INDEX, "99", "ABCDEFGHIJKLMN")).hasSize(32);
        assertThat(algorithm.ehcId(MASTER_INDEX, "99", "ABCDEFGHIJKLMNO")).hasSize(64);
    }

    @Test
    @DisplayName("EHC-02 bad input is refused: master index not hex in 8-byte groups, type not two digits, number not printable ASCII")
    void badInput() {
        assertThatThrownBy(() -> algorithm.ehcId("ABD17E7ED399EF6", "01", "11010020171225006X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("master index");
        assertThatThrownBy(() -> algorithm.ehcId(MASTER_INDEX, "1", "11010020171225006X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document type");
        assertThatThrownBy(() -> algorithm.ehcId(MASTER_INDEX, "01", "1101 0020"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document number");
        assertThatThrownBy(() -> algorithm.ehcId(MASTER_INDEX, "01", "张三"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document number");
    }

    @Test
    @DisplayName("EHC-04 dynamic QR validity: SM4-ECB under the internal-authentication key of the expiry YYYYMMDDHHMMSS read as hex, zero-padded")
    void validityEncoding() {
        LocalDateTime expiry = LocalDateTime.of(2025, 5, 1, 12, 30, 45, 999_000_000);
        byte[] block = Arrays.copyOf(HEX.parseHex("20250501123045"), 16);

        String validity = algorithm.encryptValidity(expiry);

        assertThat(validity).isEqualTo(HEX.formatHex(Sm4.encryptEcb(PROTECTION, block))).matches("[0-9A-F]{32}");
        assertThat(algorithm.decryptValidity(validity)).isEqualTo(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThat(algorithm.decryptValidity(validity.toLowerCase())).isEqualTo(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThat(algorithm.encryptValidity(expiry.plusSeconds(1))).isNotEqualTo(validity);
    }

    @Test
    @DisplayName("EHC-04 a forged or altered validity, or one made under another protection key, does not decode")
    void validityForgery() {
        String validity = algorithm.encryptValidity(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        char last = validity.charAt(31);
        String altered = validity.substring(0, 31) + (last == '0' ? '1' : '0');

        assertThatThrownBy(() -> algorithm.decryptValidity(altered))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt to an expiry");
        assertThatThrownBy(() -> algorithm.decryptValidity("20250501123045"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 hex digits");

        device.generateSymmetricKey(EhcIdAlgorithm.INTERNAL_AUTH_KEY, KeyUsage.DATA);
        assertThatThrownBy(() -> algorithm.decryptValidity(validity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key");
    }
}
