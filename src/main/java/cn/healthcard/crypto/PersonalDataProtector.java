package cn.healthcard.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Protects personal data at rest (SEC-02): authenticated encryption under {@link KeyRef#PERSONAL_DATA}, and blind
 * indexes under {@link KeyRef#BLIND_INDEX} to find a record by an exact value without decrypting. Both keys are in the
 * crypto device; ciphertexts name the key version they were made with, so that data encrypted before a key update
 * stays readable and can be re-encrypted later (decision 017). Every method maps {@code null} to {@code null}.
 */
@Component
public class PersonalDataProtector {

    private static final char PURPOSE_SEPARATOR = '\u001F';

    private final CryptoPort crypto;

    public PersonalDataProtector(CryptoPort crypto) {
        this.crypto = crypto;
    }

    /** Encrypts the UTF-8 bytes of {@code plaintext}; the result is Base64 text, different on every call. */
    public String encrypt(String plaintext) {
        return plaintext == null ? null
                : Base64.getEncoder().encodeToString(encrypt(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decrypts the output of {@link #encrypt(String)}.
     *
     * @throws CryptoException if {@code stored} is not Base64 or does not authenticate
     */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        return new String(decrypt(decode(stored)), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String stored) {
        try {
            return Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("Encrypted personal data is not valid Base64", e);
        }
    }

    /**
     * Encrypts {@code plaintext} under the current key version (the format of {@link CryptoPort#encrypt}), different
     * on every call.
     */
    public byte[] encrypt(byte[] plaintext) {
        return plaintext == null ? null : crypto.encrypt(KeyRef.PERSONAL_DATA, plaintext);
    }

    /**
     * Decrypts the output of {@link #encrypt(byte[])}.
     *
     * @throws CryptoException if {@code stored} does not authenticate
     */
    public byte[] decrypt(byte[] stored) {
        return stored == null ? null : crypto.decrypt(KeyRef.PERSONAL_DATA, stored);
    }

    /**
     * The stored text of {@link #encrypt(String)} re-encrypted under the current key version, or empty when it is under
     * that version already (or null): what a re-encryption run writes back.
     *
     * @throws CryptoException if {@code stored} is not Base64 or does not authenticate
     */
    public Optional<String> reencrypted(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        byte[] ciphertext = decode(stored);
        if (crypto.keyVersion(KeyRef.PERSONAL_DATA, ciphertext) == crypto.currentVersion(KeyRef.PERSONAL_DATA)) {
            return Optional.empty();
        }
        return Optional.of(Base64.getEncoder().encodeToString(encrypt(decrypt(ciphertext))));
    }

    /**
     * A deterministic, keyed index of {@code value} for equality search: lower-case hex of HMAC-SM3 over the UTF-8 of
     * {@code purpose + U+001F + value}. The same value gives different indexes under different purposes, so indexes
     * of different columns cannot be matched. Callers normalise {@code value} first (e.g. {@code IdNumber.value()}).
     *
     * @param purpose a fixed name of what is indexed, e.g. {@code "resident.documentNumber"}; not blank and without U+001F
     */
    public String blindIndex(String purpose, String value) {
        if (purpose == null || purpose.isBlank() || purpose.indexOf(PURPOSE_SEPARATOR) >= 0) {
            throw new IllegalArgumentException("A blind index purpose must be a non-blank name without U+001F");
        }
        if (value == null) {
            return null;
        }
        byte[] input = (purpose + PURPOSE_SEPARATOR + value).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(crypto.hmacSm3(KeyRef.BLIND_INDEX, input));
    }
}
