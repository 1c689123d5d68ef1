package cn.healthcard.support;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An app's side of the e-card gateway (decision 015), written from the decision's text alone — SM3 from BouncyCastle's
 * digest, SM4 through the JCE provider ({@code SM4/CBC/PKCS5Padding}) — so the tests build and read envelopes the way
 * an app would and check the server's code against an independent implementation.
 */
public final class EhcAppClient {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String appId;
    private final String secret;

    public EhcAppClient(String appId, String secret) {
        this.appId = appId;
        this.secret = secret;
    }

    public String appId() {
        return appId;
    }

    /** A signed envelope with the current time and a fresh nonce; the body SM4-encrypted when {@code sm4}. */
    public Map<String, String> envelope(String method, String termId, String bizJson, boolean sm4) {
        return envelope(method, termId, bizJson, sm4, System.currentTimeMillis(),
                UUID.randomUUID().toString().replace("-", ""));
    }

    public Map<String, String> envelope(String method, String termId, String bizJson, boolean sm4, long timestamp,
                                        String nonce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", appId);
        if (termId != null) {
            p.put("term_id", termId);
        }
        p.put("method", method);
        p.put("timestamp", String.valueOf(timestamp));
        p.put("nonce", nonce);
        p.put("version", "1.0");
        p.put("enc_type", sm4 ? "SM4" : "PLAIN");
        p.put("biz_content", sm4 ? encrypt(secret, bizJson) : bizJson);
        p.put("sign_type", "SM3");
        p.put("sign", sign(p, secret));
        return p;
    }

    /** Signs (again) after a change of the parameters. */
    public Map<String, String> resign(Map<String, String> p) {
        Map<String, String> copy = new LinkedHashMap<>(p);
        copy.put("sign", sign(copy, secret));
        return copy;
    }

    /** Whether the answer's signature is right under the secret. */
    public boolean verify(Map<String, String> answer) {
        return sign(answer, secret).equals(answer.get("sign"));
    }

    /** The answer's body as JSON text, decrypted when it is SM4. */
    public String body(Map<String, String> answer) {
        return "SM4".equals(answer.get("enc_type")) ? decrypt(secret, answer.get("biz_content"))
                : answer.get("biz_content");
    }

    public static String canonical(Map<String, String> p) {
        return new TreeMap<>(p).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    public static String sign(Map<String, String> p, String secret) {
        return HexFormat.of().formatHex(sm3((canonical(p) + "&key=" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] bodyKey(String secret) {
        return Arrays.copyOf(sm3(("EHC-GW-SM4" + secret).getBytes(StandardCharsets.UTF_8)), 16);
    }

    public static String encrypt(String secret, String json) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return encrypt(secret, iv, json);
    }

    public static String encrypt(String secret, byte[] iv, String json) {
        try {
            Cipher cipher = Cipher.getInstance("SM4/CBC/PKCS5Padding", BC);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(bodyKey(secret), "SM4"), new IvParameterSpec(iv));
            byte[] ct = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            byte[] all = Arrays.copyOf(iv, 16 + ct.length);
            System.arraycopy(ct, 0, all, 16, ct.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String decrypt(String secret, String body) {
        try {
            byte[] all = Base64.getDecoder().decode(body);
            Cipher cipher = Cipher.getInstance("SM4/CBC/PKCS5Padding", BC);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(bodyKey(secret), "SM4"),
                    new IvParameterSpec(Arrays.copyOf(all, 16)));
            return new String(cipher.doFinal(Arrays.copyOfRange(all, 16, all.length)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
