package cn.healthcard.gateway.internal;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyUsage;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * App secrets and the platform's signature over authorization-code files, on the crypto device (decision 011, 015):
 * a secret (16 random bytes as 32 lower-case hex digits) is sealed with SM4-GCM under {@code ehc.app-secret} with
 * {@code appId ␟ secretVersion} authenticated, so a sealed secret copied to another app's row or version does not
 * open; files are signed with the SM2 key {@code ehc.app-auth-sign}. Both keys are created on first use when their
 * label has no key at all (an archived or destroyed key is never silently replaced).
 */
@Component
public class AppSecrets {

    public static final String SECRET_KEY = "ehc.app-secret";
    public static final String SIGNING_KEY = "ehc.app-auth-sign";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final CryptoDevice device;

    AppSecrets(CryptoDevice device) {
        this.device = device;
    }

    /** A sealed secret: Base64 text and the version of {@code ehc.app-secret} that sealed it. */
    public record Sealed(String sealed, int keyVersion) {
        @Override
        public String toString() {
            return "Sealed[v" + keyVersion + "]";
        }
    }

    /** A new random secret. */
    public String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    public Sealed seal(String appId, int secretVersion, String secret) {
        KeyId key = current(SECRET_KEY, KeyUsage.DATA, false);
        byte[] sealed = device.sm4EncryptGcm(key, aad(appId, secretVersion), secret.getBytes(StandardCharsets.UTF_8));
        return new Sealed(Base64.getEncoder().encodeToString(sealed), key.version());
    }

    /** Opens a sealed secret of the app's current version (fails loudly when the row was tampered with). */
    public String open(String appId, int secretVersion, Sealed sealed) {
        byte[] plain = device.sm4DecryptGcm(new KeyId(SECRET_KEY, sealed.keyVersion()), aad(appId, secretVersion),
                Base64.getDecoder().decode(sealed.sealed()));
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** The platform's SM2 signature ({@code r || s}, default signer ID) over the bytes. */
    public byte[] sign(byte[] message) {
        return device.sm2Sign(current(SIGNING_KEY, KeyUsage.SIGNATURE, true), message);
    }

    /** The platform's SM2 public key ({@code 04 || x || y}) that verifies authorization-code files. */
    public byte[] platformPublicKey() {
        return device.publicKey(current(SIGNING_KEY, KeyUsage.SIGNATURE, true));
    }

    private KeyId current(String label, KeyUsage usage, boolean sm2) {
        synchronized (this) {
            boolean exists = !device.versions(label).isEmpty();
            if (!exists) {
                if (sm2) {
                    device.generateSm2KeyPair(label, usage);
                } else {
                    device.generateSymmetricKey(label, usage);
                }
            }
        }
        return device.currentKey(label);
    }

    private static byte[] aad(String appId, int secretVersion) {
        return ("ehc-app-secret\u001F" + appId + "\u001F" + secretVersion).getBytes(StandardCharsets.UTF_8);
    }
}
