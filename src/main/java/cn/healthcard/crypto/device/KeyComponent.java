package cn.healthcard.crypto.device;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One component of a stored SM4 key split for backup (KEY-02): the key is the XOR of {@code count} random components
 * (n of n), so that each custodian holds one and only all of them together give the key back
 * ({@link CryptoDevice#splitKey}, {@link CryptoDevice#restoreKey}). A component never leaves the device in plaintext:
 * it is wrapped either under a key-encryption key of the device ({@link UnderKek}, while it waits to be handed over,
 * or after its custodian presented it for a recovery) or under a key derived from its custodian's secret
 * ({@link UnderSecret}, while the custodian holds it). Either way the ciphertext is SM4-GCM with the metadata below as
 * additional authenticated data, so that a component cannot be passed off as one of another key, set or position.
 * See {@code docs/decisions/014-key-hierarchy.md}.
 *
 * @param key           the label and version of the split key
 * @param usage         the split key's usage, restored with it
 * @param keyCheckValue the split key's check value: the XOR of all components must have it
 * @param setId         the backup the component belongs to (letters, digits and {@code -}, at most 32)
 * @param index         1 … {@code count}
 * @param count         how many components the key was split into (2 … {@value #MAX_COUNT})
 * @param checkValue    the component's own check value (SM4 KCV of the 16 component bytes), for the custodian's record
 * @param protection    what the component is wrapped under
 * @param ciphertext    {@code iv (12 bytes) || SM4-GCM ciphertext (16 bytes) || tag (16 bytes)} (copied)
 */
public record KeyComponent(KeyId key, KeyUsage usage, String keyCheckValue, String setId, int index, int count,
                           String checkValue, Protection protection, byte[] ciphertext) {

    /** The prefix of {@link #encoded()}: format 1 of a health card key component. */
    public static final String FORMAT = "HCKC1";

    /** The most components a key is split into. */
    public static final int MAX_COUNT = 9;

    private static final Pattern CHECK_VALUE = Pattern.compile("[0-9A-F]{8}");
    private static final Pattern SET_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");

    public KeyComponent {
        if (key == null || usage == null || protection == null || ciphertext == null) {
            throw new IllegalArgumentException("A key component needs its key, usage, protection and ciphertext");
        }
        if (!usage.allows(KeyType.SM4)) {
            throw new IllegalArgumentException("Only SM4 keys are split into components, not " + usage + " keys");
        }
        requireSetId(setId);
        if (count < 2 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("A key component is number 1 to " + MAX_COUNT + " of 2 to " + MAX_COUNT
                    + ", not " + index + " of " + count);
        }
        requireCheckValue(keyCheckValue);
        requireCheckValue(checkValue);
        ciphertext = ciphertext.clone();
    }

    /** What a component is wrapped under. */
    public sealed interface Protection permits UnderKek, UnderSecret {
    }

    /**
     * Wrapped under a key-encryption key of a device.
     *
     * @param kek           the KEK as named on that device
     * @param kekCheckValue its check value
     */
    public record UnderKek(KeyId kek, String kekCheckValue) implements Protection {
        public UnderKek {
            if (kek == null) {
                throw new IllegalArgumentException("A component wrapped under a KEK names the KEK");
            }
            requireCheckValue(kekCheckValue);
        }
    }

    /**
     * Wrapped under a key derived from the custodian's secret: PBKDF2 with HMAC-SM3, {@code salt} and
     * {@code iterations}, 16 bytes. The secret is known to the custodian only; neither it nor the derived key is kept.
     *
     * @param salt       16 random bytes (copied)
     * @param iterations the PBKDF2 iteration count
     */
    public record UnderSecret(byte[] salt, int iterations) implements Protection {
        public UnderSecret {
            if (salt == null || salt.length != 16 || iterations < 10_000) {
                throw new IllegalArgumentException("A component sealed under a secret has a 16-byte salt and at least "
                        + "10000 iterations");
            }
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UnderSecret that && iterations == that.iterations && Arrays.equals(salt, that.salt);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(salt) + iterations;
        }

        @Override
        public String toString() {
            return "UnderSecret[PBKDF2-HMAC-SM3, " + iterations + " iterations]";
        }
    }

    /**
     * Checks a component set id.
     *
     * @throws IllegalArgumentException unless it is 1 to 32 letters, digits and {@code -}
     */
    public static String requireSetId(String setId) {
        if (setId == null || !SET_ID.matcher(setId).matches()) {
            throw new IllegalArgumentException("A component set id is 1 to 32 letters, digits and '-', not '" + setId
                    + "'");
        }
        return setId;
    }

    private static void requireCheckValue(String value) {
        if (value == null || !CHECK_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("A key check value is 8 upper-case hex digits, not '" + value + "'");
        }
    }

    /** The wrapped component (a copy). */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** Whether the component is wrapped under a custodian's secret. */
    public boolean underSecret() {
        return protection instanceof UnderSecret;
    }

    /**
     * One line of text to keep the component:
     * {@code HCKC1:label:version:usage:keyCheckValue:setId:index:count:checkValue:} followed by
     * {@code K:kekLabel:kekVersion:kekCheckValue:base64(ciphertext)} under a KEK or
     * {@code S:base64(salt):iterations:base64(ciphertext)} under a secret.
     */
    public String encoded() {
        String head = String.join(":", FORMAT, key.label(), Integer.toString(key.version()), usage.name(),
                keyCheckValue, setId, Integer.toString(index), Integer.toString(count), checkValue);
        String body = Base64.getEncoder().encodeToString(ciphertext);
        if (protection instanceof UnderKek k) {
            return String.join(":", head, "K", k.kek().label(), Integer.toString(k.kek().version()),
                    k.kekCheckValue(), body);
        }
        UnderSecret s = (UnderSecret) protection;
        return String.join(":", head, "S", Base64.getEncoder().encodeToString(s.salt()),
                Integer.toString(s.iterations()), body);
    }

    /**
     * Reads the output of {@link #encoded()}.
     *
     * @throws IllegalArgumentException if {@code text} is not a key component of format {@value #FORMAT}
     */
    public static KeyComponent parse(String text) {
        String[] p = text == null ? new String[0] : text.strip().split(":", -1);
        try {
            if (p.length < 10 || !FORMAT.equals(p[0])) {
                throw new IllegalArgumentException("wrong prefix or too few parts");
            }
            Protection protection;
            String body;
            if ("K".equals(p[9]) && p.length == 14) {
                protection = new UnderKek(new KeyId(p[10], Integer.parseInt(p[11])), p[12]);
                body = p[13];
            } else if ("S".equals(p[9]) && p.length == 13) {
                protection = new UnderSecret(Base64.getDecoder().decode(p[10]), Integer.parseInt(p[11]));
                body = p[12];
            } else {
                throw new IllegalArgumentException("unknown protection");
            }
            return new KeyComponent(new KeyId(p[1], Integer.parseInt(p[2])), KeyUsage.valueOf(p[3]), p[4], p[5],
                    Integer.parseInt(p[6]), Integer.parseInt(p[7]), p[8], protection, Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a key component of format " + FORMAT + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyComponent that && encoded().equals(that.encoded());
    }

    @Override
    public int hashCode() {
        return encoded().hashCode();
    }

    /** Metadata only; the ciphertext (and a secret's salt) is left out. */
    @Override
    public String toString() {
        return "KeyComponent[" + key + " (check value " + keyCheckValue + "), set " + setId + ", " + index + " of "
                + count + ", check value " + checkValue + ", " + (protection instanceof UnderKek k
                ? "under " + k.kek() + " (check value " + k.kekCheckValue() + ")" : "under a custodian's secret") + "]";
    }
}
