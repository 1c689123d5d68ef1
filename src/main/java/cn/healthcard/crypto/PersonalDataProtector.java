package cn.healthcard.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Protects personal data at rest (SEC-02): authenticated encryption under {@link KeyRef#PERSONAL_DATA}, bound to the
 * table, column and row the value is stored in (decision 022), and blind indexes under {@link KeyRef#BLIND_INDEX} to
 * find a record by an exact value without decrypting. Both keys are in the crypto device; ciphertexts name the key
 * version they were made with, so that data encrypted before a key update stays readable and can be re-encrypted
 * later (decision 017).
 * <p>
 * Ciphertexts written before decision 022 are <em>unbound</em>: by default they are still read and counted
 * ({@link #unboundReads()}, metric {@code healthcard.personal_data.unbound_reads}) until the re-encryption job has
 * rewritten them bound; with {@code healthcard.crypto.unbound-ciphertexts=refuse} (once a run has completed) they fail
 * with {@link PersonalDataIntegrityException}. Every method maps {@code null} to {@code null}.
 */
@Component
public class PersonalDataProtector {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataProtector.class);
    private static final char PURPOSE_SEPARATOR = '\u001F';

    /** What to do with a ciphertext written before decision 022, without binding. */
    public enum UnboundPolicy { ACCEPT, REFUSE }

    private final CryptoPort crypto;
    private final UnboundPolicy unbound;
    private final LongAdder unboundReads = new LongAdder();

    @Autowired
    public PersonalDataProtector(CryptoPort crypto,
                                 @Value("${healthcard.crypto.unbound-ciphertexts:accept}") String unbound) {
        this(crypto, UnboundPolicy.valueOf(unbound.strip().toUpperCase(Locale.ROOT)));
    }

    public PersonalDataProtector(CryptoPort crypto, UnboundPolicy unbound) {
        this.crypto = crypto;
        this.unbound = unbound;
    }

    /** Encrypts the UTF-8 bytes of {@code plaintext} bound to {@code place}; Base64 text, different on every call. */
    public String seal(String plaintext, PersonalDataBinding place) {
        return plaintext == null ? null
                : Base64.getEncoder().encodeToString(seal(plaintext.getBytes(StandardCharsets.UTF_8), place));
    }

    /**
     * Decrypts the output of {@link #seal(String, PersonalDataBinding)} read from {@code place}.
     *
     * @throws PersonalDataIntegrityException if it was sealed for another place, is altered, or is unbound and
     *                                        unbound ciphertexts are refused
     * @throws CryptoException                if {@code stored} is not Base64
     */
    public String open(String stored, PersonalDataBinding place) {
        return stored == null ? null : new String(open(decode(stored), place), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String stored) {
        try {
            return Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("Encrypted personal data is not valid Base64", e);
        }
    }

    /** Encrypts {@code plaintext} under the current key version bound to {@code place}, different on every call. */
    public byte[] seal(byte[] plaintext, PersonalDataBinding place) {
        return plaintext == null ? null : crypto.encrypt(KeyRef.PERSONAL_DATA, plaintext, place.encoded());
    }

    /**
     * Decrypts the output of {@link #seal(byte[], PersonalDataBinding)} read from {@code place}.
     *
     * @throws PersonalDataIntegrityException if it was sealed for another place, is altered, or is unbound and
     *                                        unbound ciphertexts are refused
     */
    public byte[] open(byte[] stored, PersonalDataBinding place) {
        if (stored == null) {
            return null;
        }
        boolean bound = crypto.isBound(stored);
        if (!bound && unbound == UnboundPolicy.REFUSE) {
            throw new PersonalDataIntegrityException(place, "unbound ciphertext (written before decision 022) refused "
                    + "by healthcard.crypto.unbound-ciphertexts=refuse", null);
        }
        byte[] plaintext;
        try {
            plaintext = crypto.decrypt(KeyRef.PERSONAL_DATA, stored, place.encoded());
        } catch (PersonalDataIntegrityException e) {
            throw e;
        } catch (CryptoException e) {
            throw new PersonalDataIntegrityException(place, (bound
                    ? "the value does not authenticate here (sealed for another table, column or row, or altered)"
                    : "the value does not authenticate (altered, or its key is gone)") + " — " + e.getMessage(), e);
        }
        if (!bound) {
            unboundReads.increment();
            log.debug("Read an unbound personal-data ciphertext at {}; the re-encryption job binds it", place);
        }
        return plaintext;
    }

    /** How many unbound ciphertexts (before decision 022) this node has read and accepted since it started. */
    public long unboundReads() {
        return unboundReads.sum();
    }

    /**
     * The stored text of {@link #seal(String, PersonalDataBinding)} at {@code place} re-encrypted under the current
     * key version and bound to {@code place}, or empty when it is both already (or null): what a re-encryption run
     * writes back. An unbound value is read whatever the policy (the run is how it gets bound).
     *
     * @throws CryptoException if {@code stored} is not Base64 or does not authenticate at {@code place}
     */
    public Optional<String> reencrypted(String stored, PersonalDataBinding place) {
        if (stored == null) {
            return Optional.empty();
        }
        byte[] ciphertext = decode(stored);
        boolean bound = crypto.isBound(ciphertext);
        if (bound && crypto.keyVersion(KeyRef.PERSONAL_DATA, ciphertext)
                == crypto.currentVersion(KeyRef.PERSONAL_DATA)) {
            return Optional.empty();
        }
        byte[] plaintext;
        try {
            plaintext = crypto.decrypt(KeyRef.PERSONAL_DATA, ciphertext, place.encoded());
        } catch (CryptoException e) {
            throw new PersonalDataIntegrityException(place, "cannot be re-encrypted: it does not authenticate here — "
                    + e.getMessage(), e);
        }
        return Optional.of(Base64.getEncoder().encodeToString(seal(plaintext, place)));
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
