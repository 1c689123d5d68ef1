package cn.healthcard.gateway.internal;

import cn.healthcard.support.EhcAppClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The envelope of decision 015 with the decision's test vector, checked against the test-side client
 * ({@link EhcAppClient}: BouncyCastle's JCE SM4 and its SM3 digest, written from the decision alone).
 */
class GatewayEnvelopesTest {

    static final String SECRET = "00112233445566778899aabbccddeeff";
    static final byte[] IV = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    static final String BODY = "{\"document_type\":\"01\",\"document_number\":\"11010020171225006X\",\"name\":\"张三\"}";

    /** The vector of decision 015. */
    static final String CANONICAL = "app_id=hc0123456789abcdef&biz_content={\"qr_text\":\"X:1\"}&enc_type=PLAIN"
            + "&method=ehc.code.verify&nonce=n0nce-0001&sign_type=SM3&term_id=T-01&timestamp=1764662400000&version=1.0";
    static final String SIGN = "e17070b71c495908ebf1720f1d22290b484eef7367104542164a6055b0e989c6";
    static final String BODY_KEY = "91b4f1a7158bb7cd038cd88f0269bcd6";
    static final String BODY_CIPHERTEXT = "AAECAwQFBgcICQoLDA0OD8O5nJ/BWw2KOOmwqO2NUepAytJGt9QpNOR+DHdNorKiv3NqhNQzREJ7tcLzYBBn"
            + "pbK+lRDHPVIgUfLfaR6UuhZQsuTL4yRgMneQc36ybyUP";

    static Map<String, String> vectorParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", "1.0");
        p.put("timestamp", "1764662400000");
        p.put("term_id", "T-01");
        p.put("sign_type", "SM3");
        p.put("nonce", "n0nce-0001");
        p.put("method", "ehc.code.verify");
        p.put("enc_type", "PLAIN");
        p.put("biz_content", "{\"qr_text\":\"X:1\"}");
        p.put("app_id", "hc0123456789abcdef");
        p.put("empty", "");
        return p;
    }

    @Test
    @DisplayName("EHC-06 the canonical string sorts the parameters by name, leaves out sign and empty values, and is signed with SM3 over it and &key=secret (decision 015 vector, independent client)")
    void canonicalStringAndSignature() {
        Map<String, String> p = vectorParams();
        p.put("sign", "ignored");
        assertThat(GatewayEnvelopes.canonical(p)).isEqualTo(CANONICAL).isEqualTo(EhcAppClient.canonical(p));
        String sign = GatewayEnvelopes.sign(p, SECRET);
        assertThat(sign).isEqualTo(SIGN).isEqualTo(EhcAppClient.sign(p, SECRET));
        p.put("sign", sign.toUpperCase());
        assertThat(GatewayEnvelopes.verify(p, SECRET)).as("hex case does not matter").isTrue();
        assertThat(GatewayEnvelopes.verify(p, SECRET.replace('0', '1'))).as("another secret").isFalse();
        p.put("biz_content", "{\"qr_text\":\"Y:1\"}");
        assertThat(GatewayEnvelopes.verify(p, SECRET)).as("a tampered parameter").isFalse();
    }

    @Test
    @DisplayName("EHC-06 the SM4 body key is SM3(\"EHC-GW-SM4\" || secret) cut to 16 bytes; the body is Base64(iv || SM4-CBC-PKCS7) and reads back on either side (decision 015 vector)")
    void sm4Body() {
        String key = HexFormat.of().formatHex(GatewayEnvelopes.bodyKey(SECRET));
        assertThat(key).isEqualTo(BODY_KEY).isEqualTo(HexFormat.of().formatHex(EhcAppClient.bodyKey(SECRET)));
        String encrypted = GatewayEnvelopes.encryptBody(SECRET, IV, BODY);
        assertThat(encrypted).isEqualTo(BODY_CIPHERTEXT).isEqualTo(EhcAppClient.encrypt(SECRET, IV, BODY));
        assertThat(GatewayEnvelopes.decryptBody(SECRET, encrypted)).isEqualTo(BODY);
        assertThat(EhcAppClient.decrypt(SECRET, GatewayEnvelopes.encryptBody(SECRET, IV, BODY))).isEqualTo(BODY);

        assertThatThrownBy(() -> GatewayEnvelopes.decryptBody(SECRET.replace('0', '1'), encrypted))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayEnvelopes.decryptBody(SECRET, "not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayEnvelopes.decryptBody(SECRET, "AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
