package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.EhcKeysMissingException;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyPurpose;
import cn.healthcard.common.RegionCode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-card algorithms of design.md §5 with the province's keys of the hierarchy inside the software device, imported
 * under a KEK: the vector's root is Beijing's application-data-read key {@code hc.app-data-read.110000}.
 */
@DisplayName("EHC-02 EHC-04 KEY-01 e-card ID and dynamic QR validity computed by the crypto device with the province's keys")
class EhcIdAlgorithmTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String MASTER_INDEX = "ABD17E7ED399EF68AB5660155D6E226D2C92EAC3254A4A66BED83AED0ADA1E9E";
    private static final byte[] ROOT = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final byte[] PROTECTION = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
    private static final String APP_DATA_READ = "hc.app-data-read.110000";
    private static final String INTERNAL_AUTH = "hc.internal-auth.110000";
    private static final String REGION = "110105";

    @TempDir
    Path directory;

    private SoftwareCryptoDevice device;
    private EhcIdAlgorithm algorithm;

    @BeforeEach
    void importTheKeys() {
        device = new SoftwareCryptoDevice(directory.resolve("ehc.keystore"), "00112233445566778899aabbccddeeff");
        TestKms kms = new TestKms(HEX.parseHex("8899AABBCCDDEEFF0011223344556677"), "kms.kek");
        kms.importKey(device, new KeyId(APP_DATA_READ, 1), KeyType.SM4, KeyUsage.DERIVATION, ROOT);
        kms.importKey(device, new KeyId(INTERNAL_AUTH, 1), KeyType.SM4, KeyUsage.DERIVATION, PROTECTION);
        algorithm = new EhcIdAlgorithm(device, new EhcIdAlgorithm.KeyLabels() {
            @Override
            public String appDataRead(String regionCode) {
                return KeyHierarchy.eCardKeyLabel(KeyPurpose.APP_DATA_READ, regionCode);
            }

            @Override
            public String internalAuth(String regionCode) {
                return KeyHierarchy.eCardKeyLabel(KeyPurpose.INTERNAL_AUTH, regionCode);
            }
        });
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

        assertThat(device.keyCheckValue(EhcIdAlgorithm.userKey(new KeyId(APP_DATA_READ, 1), MASTER_INDEX)))
                .isEqualTo(expected).isEqualTo("B21063F4");
    }

    @Test
    @DisplayName("KEY-01 EHC-02 e-card ID test vector (design.md §5) with the vector root as the province's level-2 key: \"01\"+\"11010020171225006X\" → 98FF9F2C…9A571928, made by hc.app-data-read.110000 v1")
    void ehcIdVector() {
        EhcIdAlgorithm.EhcId id = algorithm.ehcId(REGION, MASTER_INDEX, "01", "11010020171225006X");

        assertThat(id.value()).isEqualTo("98FF9F2C05145CB9305E9D8A57E072BB51180CA49E5BE5E9D41BCE3A9A571928");
        assertThat(id.key()).isEqualTo(new KeyId(APP_DATA_READ, 1));
        assertThat(algorithm.ehcId("110000", MASTER_INDEX, "01", "11010020171225006X")).isEqualTo(id);
    }

    @Test
    @DisplayName("KEY-01 e-card ID uses the province's level-2 key, also where the city has a level-3 key")
    void provinceKeyEvenWithACityKey() {
        device.deriveKey(new KeyId(APP_DATA_READ, 1), KeyHierarchy.diversification(RegionCode.of("110100"), 1), "hc.app-data-read.110100",
                KeyUsage.DERIVATION);

        assertThat(algorithm.ehcId("110105", MASTER_INDEX, "01", "11010020171225006X").key())
                .isEqualTo(new KeyId(APP_DATA_READ, 1));
    }

    @Test
    @DisplayName("KEY-02 after an update of the province key new e-card IDs use the new version and say so")
    void ehcIdAfterAnUpdate() {
        EhcIdAlgorithm.EhcId before = algorithm.ehcId(REGION, MASTER_INDEX, "01", "11010020171225006X");
        device.generateSymmetricKey(APP_DATA_READ, KeyUsage.DERIVATION);
        device.archive(new KeyId(APP_DATA_READ, 1));

        EhcIdAlgorithm.EhcId after = algorithm.ehcId(REGION, MASTER_INDEX, "01", "11010020171225006X");
        assertThat(after.key()).isEqualTo(new KeyId(APP_DATA_READ, 2));
        assertThat(after.value()).isNotEqualTo(before.value());
    }

    @Test
    @DisplayName("KEY-01 a province without e-card keys is a clear error naming the missing label, not a failure deep in the device")
    void provinceWithoutKeys() {
        assertThatThrownBy(() -> algorithm.ehcId("440106", MASTER_INDEX, "01", "11010020171225006X"))
                .isInstanceOf(EhcKeysMissingException.class).hasMessageContaining("hc.app-data-read.440000")
                .hasMessageContaining("440106");
        assertThatThrownBy(() -> algorithm.encryptValidity("440106", MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45)))
                .isInstanceOf(EhcKeysMissingException.class).hasMessageContaining("hc.internal-auth.440000");
        String validity = algorithm.encryptValidity(REGION, MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThatThrownBy(() -> algorithm.decryptValidity("440106", MASTER_INDEX, validity))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> algorithm.decryptValidity(null, MASTER_INDEX, validity))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("EHC-04 dynamic QR validity: SM4-ECB of the expiry YYYYMMDDHHMMSS read as hex, zero-padded, under the e-card's key derived from the province's internal-authentication key with f of its master index")
    void validityEncoding() {
        LocalDateTime expiry = LocalDateTime.of(2025, 5, 1, 12, 30, 45, 999_000_000);
        byte[] block = Arrays.copyOf(HEX.parseHex("20250501123045"), 16);

        byte[] protectionKey = Sm4.diversify(PROTECTION, EhcIdAlgorithm.diversification(MASTER_INDEX));

        String validity = algorithm.encryptValidity(REGION, MASTER_INDEX, expiry);

        assertThat(validity).isEqualTo(HEX.formatHex(Sm4.encryptEcb(protectionKey, block))).matches("[0-9A-F]{32}");
        assertThat(algorithm.decryptValidity(REGION, MASTER_INDEX, validity)).isEqualTo(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThat(algorithm.decryptValidity(REGION, MASTER_INDEX, validity.toLowerCase()))
                .isEqualTo(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThat(algorithm.encryptValidity(REGION, MASTER_INDEX, expiry.plusSeconds(1))).isNotEqualTo(validity);
    }

    @Test
    @DisplayName("EHC-04 a forged or altered validity, or one made under another province's key, does not decode")
    void validityForgery() {
        String validity = algorithm.encryptValidity(REGION, MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        char last = validity.charAt(31);
        String altered = validity.substring(0, 31) + (last == '0' ? '1' : '0');

        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, MASTER_INDEX, altered))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt to an expiry");
        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, MASTER_INDEX, "20250501123045"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 hex digits");

        device.generateSymmetricKey("hc.internal-auth.310000", KeyUsage.DERIVATION);
        assertThatThrownBy(() -> algorithm.decryptValidity("310104", MASTER_INDEX, validity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key");
    }

    @Test
    @DisplayName("KEY-02 a validity made under a version archived since still decrypts; new validities use the new version")
    void validityAfterAnUpdate() {
        LocalDateTime expiry = LocalDateTime.of(2025, 5, 1, 12, 30, 45);
        String before = algorithm.encryptValidity(REGION, MASTER_INDEX, expiry);
        device.generateSymmetricKey(INTERNAL_AUTH, KeyUsage.DERIVATION);
        device.archive(new KeyId(INTERNAL_AUTH, 1));

        String after = algorithm.encryptValidity(REGION, MASTER_INDEX, expiry);
        assertThat(after).isNotEqualTo(before);
        assertThat(algorithm.decryptValidity(REGION, MASTER_INDEX, before)).isEqualTo(expiry);
        assertThat(algorithm.decryptValidity(REGION, MASTER_INDEX, after)).isEqualTo(expiry);
        device.destroy(new KeyId(INTERNAL_AUTH, 1));
        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, MASTER_INDEX, before)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A second master index: SM3("abc") in upper case, f = DF2F40336D475679. */
    private static final String OTHER_MASTER_INDEX = "66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0";

    @Test
    @DisplayName("EHC-04 SEC-02 validity test vector (decision 013): internal-auth 00112233…EEFF, master index ABD17E7E…1E9E (f 92CDCE45A16799FD) → protection key 6A8B111D94D81659A61267CA14D38C13; expiry 20250501123045 → FBBCE0648AF2C73A6289C4192D338E7E")
    void validityVector() {
        assertThat(device.keyCheckValue(EhcIdAlgorithm.protectionKey(new KeyId(INTERNAL_AUTH, 1), MASTER_INDEX)))
                .isEqualTo(Sm4.checkValue(HEX.parseHex("6A8B111D94D81659A61267CA14D38C13")));
        assertThat(HEX.formatHex(Sm4.diversify(PROTECTION, HEX.parseHex("92CDCE45A16799FD"))))
                .isEqualTo("6A8B111D94D81659A61267CA14D38C13");

        String validity = algorithm.encryptValidity(REGION, MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45));

        assertThat(validity).isEqualTo("FBBCE0648AF2C73A6289C4192D338E7E");
        assertThat(algorithm.decryptValidity(REGION, MASTER_INDEX, "FBBCE0648AF2C73A6289C4192D338E7E"))
                .isEqualTo(LocalDateTime.of(2025, 5, 1, 12, 30, 45));
        assertThat(algorithm.encryptValidity(REGION, OTHER_MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45)))
                .isEqualTo("46B3B7516C0EBD104F829F02D9510D81");
        // the e-card ID vector of design.md §5 is unchanged
        assertThat(algorithm.ehcId(REGION, MASTER_INDEX, "01", "11010020171225006X").value())
                .isEqualTo("98FF9F2C05145CB9305E9D8A57E072BB51180CA49E5BE5E9D41BCE3A9A571928");
    }

    @Test
    @DisplayName("EHC-04 EHC-05 SEC-02 a validity made for one e-card does not decrypt under another e-card's key of the same province (a spliced code); nor does one made under the old one-key-per-province rule")
    void validityOfAnotherECard() {
        String validity = algorithm.encryptValidity(REGION, MASTER_INDEX, LocalDateTime.of(2025, 5, 1, 12, 30, 45));

        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, OTHER_MASTER_INDEX, validity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another e-card");
        // FFFFFFFFFFFF0000 was the fixed f of the province-wide key before issue #10
        String provinceWide = HEX.formatHex(Sm4.encryptEcb(Sm4.diversify(PROTECTION, HEX.parseHex("FFFFFFFFFFFF0000")),
                Arrays.copyOf(HEX.parseHex("20250501123045"), 16)));
        assertThat(provinceWide).isEqualTo("4460A23947A9AB8CCC157BB80706FE96");
        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, MASTER_INDEX, provinceWide))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> algorithm.decryptValidity(REGION, "XYZ", validity))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
