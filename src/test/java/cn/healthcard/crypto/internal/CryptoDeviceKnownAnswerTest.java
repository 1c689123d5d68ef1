package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.util.test.FixedSecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard vectors through the crypto device, with the standard keys imported into it.
 *
 * <p>Sources: SM3 — GB/T 32905-2016 Appendix A (examples 1 and 2); SM4 — GB/T 32907-2016 Appendix A (examples 1 and
 * 2); SM2 — GM/T 0003.5-2012 (= GB/T 32918.5-2017) Appendix A (signature with user ID {@code 1234567812345678} on the
 * recommended curve sm2p256v1: private key, public key, nonce k and (r, s)) and Appendix C (encryption of
 * "encryption standard" with the same key pair and k: C1, C3, C2). The SM2 values are quoted as in OpenSSL's
 * {@code test/sm2_internal_test.c}, which carries the same Appendix C ciphertext in GM/T 0009 ASN.1 form, and
 * cross-checked against the {@code chenpengcong/sm2-with-openssl} tests that cite the standard's appendices.
 */
@DisplayName("KEY-03 SM2, SM3 and SM4 standard vectors through the crypto device")
class CryptoDeviceKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    static final String SM2_PRIVATE = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";
    static final String SM2_PUBLIC = "04"
            + "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
            + "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
    static final String SM2_K = "59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21";
    static final String SM2_SIGNATURE = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
            + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";
    static final String SM2_CIPHERTEXT_C1C3C2 = "04"
            + "04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73"
            + "e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0"
            + "59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766"
            + "21886ca989ca9c7d58087307ca93092d651efa";
    private static final byte[] MESSAGE_DIGEST = "message digest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTION_STANDARD = "encryption standard".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SM4_KEY = HEX.parseHex("0123456789abcdeffedcba9876543210");

    private static SoftwareCryptoDevice device;
    private static KeyId sm4Key;
    private static KeyId signingKey;
    private static KeyId decryptionKey;

    @BeforeAll
    static void importTheStandardKeys(@TempDir Path directory) {
        device = new SoftwareCryptoDevice(directory.resolve("kat.keystore"), "00112233445566778899aabbccddeeff");
        TestKms kms = new TestKms(HEX.parseHex("8899aabbccddeeff0011223344556677"), "kms.kek");
        sm4Key = kms.importKey(device, new KeyId("standard.sm4", 1), KeyType.SM4, KeyUsage.DATA, SM4_KEY).id();
        signingKey = kms.importKey(device, new KeyId("standard.sm2-sign", 1), KeyType.SM2, KeyUsage.SIGNATURE,
                HEX.parseHex(SM2_PRIVATE)).id();
        decryptionKey = kms.importKey(device, new KeyId("standard.sm2-enc", 1), KeyType.SM2, KeyUsage.DATA,
                HEX.parseHex(SM2_PRIVATE)).id();
    }

    @Test
    @DisplayName("KEY-03 SM3 standard vectors (GB/T 32905 A.1 'abc', A.2 512 bits)")
    void sm3() {
        assertThat(HEX.formatHex(device.sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HEX.formatHex(device.sm3("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    @DisplayName("KEY-03 SM4 standard vector (GB/T 32907 A.1) with the key inside the device")
    void sm4SingleBlock() {
        byte[] ciphertext = device.sm4EncryptEcb(sm4Key, SM4_KEY);

        assertThat(HEX.formatHex(ciphertext)).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(device.sm4DecryptEcb(sm4Key, ciphertext)).isEqualTo(SM4_KEY);
        assertThat(device.keyCheckValue(sm4Key)).isEqualTo(Sm4.checkValue(SM4_KEY));
    }

    @Test
    @DisplayName("KEY-03 SM4 standard vector (GB/T 32907 A.2): 1,000,000 encryptions by the device")
    void sm4OneMillionTimes() {
        byte[] block = SM4_KEY;
        for (int i = 0; i < 1_000_000; i++) {
            block = device.sm4EncryptEcb(sm4Key, block);
        }

        assertThat(HEX.formatHex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @Test
    @DisplayName("KEY-03 SM2 example key pair (GM/T 0003.5 A): the device holds the published public key and verifies the published signature with signer ID 1234567812345678")
    void sm2PublishedSignatureVerifies() {
        byte[] publicKey = device.publicKey(signingKey);

        assertThat(HEX.formatHex(publicKey)).isEqualTo(SM2_PUBLIC);
        assertThat(device.sm2Verify(publicKey, MESSAGE_DIGEST, HEX.parseHex(SM2_SIGNATURE))).isTrue();
        assertThat(device.sm2Verify(publicKey, CryptoDevice.defaultSignerId(), MESSAGE_DIGEST, HEX.parseHex(SM2_SIGNATURE)))
                .isTrue();
        assertThat(device.sm2Verify(publicKey, "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII), MESSAGE_DIGEST,
                HEX.parseHex(SM2_SIGNATURE))).as("another signer ID gives another Z").isFalse();
        assertThat(device.sm2Verify(publicKey, "message digesT".getBytes(StandardCharsets.US_ASCII),
                HEX.parseHex(SM2_SIGNATURE))).isFalse();
    }

    @Test
    @DisplayName("KEY-03 SM2 signing with the published nonce k reproduces the published (r, s) (GM/T 0003.5 A)")
    void sm2SignatureWithThePublishedNonce() {
        byte[] signature = Sm2.sign(HEX.parseHex(SM2_PRIVATE), CryptoDevice.defaultSignerId(), MESSAGE_DIGEST,
                new FixedSecureRandom(HEX.parseHex(SM2_K)));

        assertThat(HEX.formatHex(signature)).isEqualTo(SM2_SIGNATURE);
    }

    @Test
    @DisplayName("KEY-03 SM2 signatures of the device (random k) verify with the default signer ID and no other")
    void sm2SignAndVerify() {
        byte[] signature = device.sm2Sign(signingKey, MESSAGE_DIGEST);
        byte[] publicKey = device.publicKey(signingKey);

        assertThat(signature).hasSize(64).isNotEqualTo(HEX.parseHex(SM2_SIGNATURE));
        assertThat(device.sm2Verify(publicKey, MESSAGE_DIGEST, signature)).isTrue();
        assertThat(device.sm2Verify(publicKey, "other-signer".getBytes(StandardCharsets.US_ASCII), MESSAGE_DIGEST,
                signature)).isFalse();
        byte[] altered = signature.clone();
        altered[63] ^= 1;
        assertThat(device.sm2Verify(publicKey, MESSAGE_DIGEST, altered)).isFalse();
    }

    @Test
    @DisplayName("KEY-03 SM2 encryption with the published k gives the published C1C3C2 ciphertext (GM/T 0003.5 C)")
    void sm2EncryptionWithThePublishedNonce() {
        byte[] ciphertext = Sm2.encrypt(HEX.parseHex(SM2_PUBLIC), ENCRYPTION_STANDARD,
                new FixedSecureRandom(HEX.parseHex(SM2_K)));

        assertThat(HEX.formatHex(ciphertext)).isEqualTo(SM2_CIPHERTEXT_C1C3C2);
    }

    @Test
    @DisplayName("KEY-03 SM2 the device decrypts the published C1C3C2 ciphertext (GM/T 0003.5 C)")
    void sm2DecryptsThePublishedCiphertext() {
        assertThat(device.sm2Decrypt(decryptionKey, HEX.parseHex(SM2_CIPHERTEXT_C1C3C2))).isEqualTo(ENCRYPTION_STANDARD);
    }

    @Test
    @DisplayName("KEY-03 SM2 C1C3C2 round trip: C1 (65 bytes), then C3 (32), then C2; an altered C3 or C2 is refused")
    void sm2RoundTrip() {
        byte[] plaintext = "居民健康卡 SM2".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = device.sm2Encrypt(device.publicKey(decryptionKey), plaintext);

        assertThat(ciphertext).hasSize(65 + 32 + plaintext.length);
        assertThat(ciphertext[0]).isEqualTo((byte) 0x04);
        assertThat(device.sm2Decrypt(decryptionKey, ciphertext)).isEqualTo(plaintext);
        for (int position : new int[]{65, 65 + 32}) {
            byte[] altered = ciphertext.clone();
            altered[position] ^= 1;
            assertThatThrownBy(() -> device.sm2Decrypt(decryptionKey, altered)).isInstanceOf(CryptoException.class);
        }
    }
}
