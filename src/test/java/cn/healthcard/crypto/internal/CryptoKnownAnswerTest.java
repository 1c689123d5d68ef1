package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KEY-03 SM3 (GB/T 32905) and SM4 (GB/T 32907) known-answer tests")
class CryptoKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SM4_KEY = HEX.parseHex("0123456789abcdeffedcba9876543210");

    private final BouncyCastleCryptoAdapter adapter = new BouncyCastleCryptoAdapter(new CryptoProperties(null, null));

    @Test
    void sm3OfAbc() {
        assertThat(HEX.formatHex(adapter.sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfSixtyFourBytes() {
        byte[] abcd16 = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);

        assertThat(HEX.formatHex(adapter.sm3(abcd16)))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sm4EcbEncryptsTheStandardBlockAndDecryptsItBack() {
        byte[] ciphertext = Sm4.encryptEcb(SM4_KEY, SM4_KEY);

        assertThat(HEX.formatHex(ciphertext)).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(Sm4.decryptEcb(SM4_KEY, ciphertext)).isEqualTo(SM4_KEY);
    }

    @Test
    void sm4EcbEncryptsEveryBlockIndependently() {
        byte[] twoBlocks = HEX.parseHex("0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210");

        assertThat(HEX.formatHex(Sm4.encryptEcb(SM4_KEY, twoBlocks)))
                .isEqualTo("681edf34d206965e86b3e94f536e4246681edf34d206965e86b3e94f536e4246");
    }

    @Test
    void sm4EncryptedOneMillionTimes() {
        byte[] block = SM4_KEY;
        for (int i = 0; i < 1_000_000; i++) {
            block = Sm4.encryptEcb(SM4_KEY, block);
        }

        assertThat(HEX.formatHex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @Test
    void sm4EcbRefusesPartialBlocksAndWrongKeySizes() {
        assertThatThrownBy(() -> Sm4.encryptEcb(SM4_KEY, new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole 16-byte blocks");
        assertThatThrownBy(() -> Sm4.decryptEcb(new byte[8], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void gcmOutputIsIvCiphertextAndTag() {
        byte[] plaintext = "0123456789".getBytes(StandardCharsets.US_ASCII);

        byte[] ciphertext = adapter.encrypt(KeyRef.PERSONAL_DATA, plaintext);

        assertThat(ciphertext).hasSize(12 + plaintext.length + 16);
        assertThat(adapter.decrypt(KeyRef.PERSONAL_DATA, ciphertext)).isEqualTo(plaintext);
    }
}
