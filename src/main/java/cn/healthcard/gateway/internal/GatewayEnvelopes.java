package cn.healthcard.gateway.internal;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The signed request envelope of the e-card gateway (EHC-06), exactly as decision 015 writes it down:
 * <ul>
 *   <li><b>canonical string</b>: every parameter but {@code sign} whose value is not empty, sorted by name (ordinal
 *   order of the ASCII names), as {@code name=value} joined by {@code &}; values raw (not URL-encoded);</li>
 *   <li><b>sign</b> = lower-case hex of {@code SM3(UTF-8(canonical + "&key=" + secret))};</li>
 *   <li><b>SM4 body</b> ({@code enc_type=SM4}): {@code biz_content = Base64(iv(16) || SM4-CBC-PKCS7(bodyKey, iv,
 *   UTF-8(json)))}, {@code bodyKey} = the first 16 bytes of {@code SM3(ASCII("EHC-GW-SM4") || UTF-8(secret))}. The
 *   signature covers the ciphertext and is checked before anything is decrypted.</li>
 * </ul>
 * The shared secret is the app's, not a device key: it is opened from the device's seal for the one request and these
 * operations run on it in memory (BouncyCastle's lightweight API).
 */
public final class GatewayEnvelopes {

    public static final String SIGN = "sign";
    static final byte[] BODY_KEY_LABEL = "EHC-GW-SM4".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private GatewayEnvelopes() {
    }

    /** The canonical string of the parameters (all but {@code sign}, empty values left out, sorted by name). */
    public static String canonical(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !SIGN.equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** The signature of the parameters under the secret: lower-case hex SM3. */
    public static String sign(Map<String, String> params, String secret) {
        return HEX.formatHex(sm3((canonical(params) + "&key=" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code params.sign} is the signature under the secret (compared in constant time, case-insensitive). */
    public static boolean verify(Map<String, String> params, String secret) {
        String given = params.get(SIGN);
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(params, secret).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The SM4 key of the body: the first 16 bytes of {@code SM3("EHC-GW-SM4" || secret)}. */
    public static byte[] bodyKey(String secret) {
        byte[] s = secret.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(BODY_KEY_LABEL, BODY_KEY_LABEL.length + s.length);
        System.arraycopy(s, 0, input, BODY_KEY_LABEL.length, s.length);
        return Arrays.copyOf(sm3(input), 16);
    }

    /** Encrypts a body: Base64 of {@code iv || SM4-CBC-PKCS7(bodyKey(secret), iv, UTF-8(plaintext))}. */
    public static String encryptBody(String secret, byte[] iv, String plaintext) {
        if (iv.length != 16) {
            throw new IllegalArgumentException("the IV is 16 bytes");
        }
        byte[] out = cbc(true, bodyKey(secret), iv, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] all = Arrays.copyOf(iv, 16 + out.length);
        System.arraycopy(out, 0, all, 16, out.length);
        return Base64.getEncoder().encodeToString(all);
    }

    /**
     * Decrypts a body made by {@link #encryptBody}.
     *
     * @throws IllegalArgumentException when it is not Base64, too short, not whole blocks, badly padded or not UTF-8
     */
    public static String decryptBody(String secret, String body) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the body is not Base64");
        }
        if (all.length < 32 || all.length % 16 != 0) {
            throw new IllegalArgumentException("the body is not an IV and whole SM4 blocks");
        }
        byte[] plain = cbc(false, bodyKey(secret), Arrays.copyOf(all, 16), Arrays.copyOfRange(all, 16, all.length));
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(plain)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not UTF-8");
        }
    }

    private static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        var cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new SM4Engine()), new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[cipher.getOutputSize(data.length)];
        int n = cipher.processBytes(data, 0, data.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("the body does not decrypt (padding)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return Arrays.copyOf(out, n);
    }

    private static byte[] sm3(byte[] data) {
        var digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
