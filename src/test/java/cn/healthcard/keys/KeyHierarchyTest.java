package cn.healthcard.keys;

import static cn.healthcard.keys.KnownKeys.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.SoftwareCryptoDevice;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("KEY-01 the three-level key hierarchy: labels, parents and the documented diversification rule (decision 014)")
class KeyHierarchyTest {

    /** The root key of design.md §5, used as the national root of the documented vectors. */
    static final byte[] ROOT = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");

    @TempDir
    Path directory;

    @Test
    @DisplayName("KEY-01 labels: hc.<purpose>.root, hc.<purpose>.<province>, hc.<purpose>.<city>; each names its parent; other labels are not in the hierarchy")
    void labels() {
        var city = KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.CITY, "110100");
        assertThat(city.label()).isEqualTo("hc.app-data-read.110100");
        assertThat(city.parent().orElseThrow().label()).isEqualTo("hc.app-data-read.110000");
        assertThat(city.parent().orElseThrow().parent().orElseThrow().label()).isEqualTo("hc.app-data-read.root");
        assertThat(KeyHierarchy.position(KeyPurpose.INTERNAL_AUTH, KeyLevel.NATIONAL, null).label())
                .isEqualTo("hc.internal-auth.root");
        assertThat(KeyHierarchy.parse("hc.internal-auth.310000")).contains(new KeyHierarchy.Position(
                KeyPurpose.INTERNAL_AUTH, KeyLevel.PROVINCIAL, RegionCode.of("310000")));
        assertThat(KeyHierarchy.parse("hc.app-data-read.root").orElseThrow().level()).isEqualTo(KeyLevel.NATIONAL);
        assertThat(KeyHierarchy.parse("ehc.app-data-read")).isEmpty();
        assertThat(KeyHierarchy.parse("device.kek")).isEmpty();
        assertThat(KeyHierarchy.parse("hc.other.root")).isEmpty();
        assertThat(KeyHierarchy.parse("hc.app-data-read.110105")).as("a county has no key level").isEmpty();
    }

    @Test
    @DisplayName("KEY-01 a level-2 key belongs to a province of GB/T 2260, a level-3 key to a city; the root to the whole country")
    void regionsAreChecked() {
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.PROVINCIAL, "110100"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("省级代码");
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.CITY, "110000"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("地市级代码");
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.PROVINCIAL, "990000"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("GB/T 2260");
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.CITY, "119900"))
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("地市级行政区");
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.PROVINCIAL, null))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.NATIONAL, "110000"))
                .isInstanceOf(DomainValidationException.class);
        assertThat(KeyHierarchy.position(KeyPurpose.APP_DATA_READ, KeyLevel.CITY, "330100").region())
                .isEqualTo(RegionCode.of("330100"));
        assertThat(KeyHierarchy.regionName(RegionCode.of("330100"))).isEqualTo("浙江省杭州市");
        assertThat(KeyHierarchy.regionName(RegionCode.of("110100"))).isEqualTo("北京市市辖区");
    }

    @Test
    @DisplayName("KEY-01 diversification data f = region digits (province 2, city 4), F up to 12 nibbles, version as 4 digits")
    void diversificationRule() {
        assertThat(KeyHierarchy.diversificationHex(RegionCode.of("110000"), 1)).isEqualTo("11FFFFFFFFFF0001");
        assertThat(KeyHierarchy.diversificationHex(RegionCode.of("110100"), 1)).isEqualTo("1101FFFFFFFF0001");
        assertThat(KeyHierarchy.diversificationHex(RegionCode.of("650000"), 12)).isEqualTo("65FFFFFFFFFF0012");
        assertThat(KeyHierarchy.diversification(RegionCode.of("440300"), 9999)).hasSize(8);
        assertThatThrownBy(() -> KeyHierarchy.diversification(RegionCode.NATIONAL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyHierarchy.diversification(RegionCode.of("110000"), 10_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("KEY-01 from the design.md root, the device derives the documented provincial and city keys: check values equal an independent SM4 computation and decision 014's table")
    void documentedVectors() {
        CryptoDevice device = new SoftwareCryptoDevice(directory.resolve("device.keystore"),
                "00112233445566778899aabbccddeeff");
        KnownKeys kms = new KnownKeys(HEX.parseHex("F0E0D0C0B0A090807060504030201000"), "test.kms");
        KeyId kek = kms.shareKek(device);
        KeyId root = kms.importKey(device, kek, new KeyId("hc.app-data-read.root", 1), KeyUsage.DERIVATION, ROOT).id();

        KeyInfo beijing = device.deriveKey(root, KeyHierarchy.diversification(RegionCode.of("110000"), 1),
                "hc.app-data-read.110000", KeyUsage.DERIVATION);
        KeyInfo districts = device.deriveKey(beijing.id(), KeyHierarchy.diversification(RegionCode.of("110100"), 1),
                "hc.app-data-read.110100", KeyUsage.DERIVATION);
        KeyInfo beijing2 = device.deriveKey(root, KeyHierarchy.diversification(RegionCode.of("110000"), 2),
                "hc.app-data-read.110000", KeyUsage.DERIVATION);
        KeyInfo shanghai = device.deriveKey(root, KeyHierarchy.diversification(RegionCode.of("310000"), 1),
                "hc.app-data-read.310000", KeyUsage.DERIVATION);

        byte[] p = KnownKeys.diversify(ROOT, HEX.parseHex("11FFFFFFFFFF0001"));
        byte[] c = KnownKeys.diversify(p, HEX.parseHex("1101FFFFFFFF0001"));
        assertThat(HEX.formatHex(p)).isEqualTo("0926781F11866863D150BB2119B74394");
        assertThat(HEX.formatHex(c)).isEqualTo("30AD47D73DC92BEEDDFA2E0F1A3E6475");
        assertThat(KnownKeys.checkValue(ROOT)).isEqualTo("2677F46B");
        assertThat(beijing.checkValue()).isEqualTo(KnownKeys.checkValue(p)).isEqualTo("7CA7EACC");
        assertThat(districts.checkValue()).isEqualTo(KnownKeys.checkValue(c)).isEqualTo("97199D32");
        assertThat(beijing2.id()).isEqualTo(new KeyId("hc.app-data-read.110000", 2));
        assertThat(beijing2.checkValue()).isEqualTo(KnownKeys.checkValue(
                KnownKeys.diversify(ROOT, HEX.parseHex("11FFFFFFFFFF0002")))).isEqualTo("D6635E28");
        assertThat(shanghai.checkValue()).isEqualTo("D0274567");
        // a derived handle (not stored) gives the same key: a card key below the city works the same way
        assertThat(device.keyCheckValue(new DerivedKey(new DerivedKey(root,
                KeyHierarchy.diversification(RegionCode.of("110000"), 1)),
                KeyHierarchy.diversification(RegionCode.of("110100"), 1)))).isEqualTo("97199D32");
    }
}
