package cn.healthcard.crypto.device;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A key as it leaves the device: encrypted under a key-encryption key (KEK) with SM4-GCM, its metadata bound to the
 * ciphertext as additional authenticated data, so that a wrapped key cannot be imported as another key, type or usage.
 * See {@code docs/decisions/011-crypto-device.md} for the scheme and why.
 *
 * @param id            the key's label and version, kept on import
 * @param type          SM4 (16 bytes wrapped) or SM2 (the 32-byte private key wrapped; the public key follows from it)
 * @param usage         the key's usage, kept on import
 * @param checkValue    the key's check value, compared after unwrapping
 * @param kek           the KEK it is wrapped under, as named on the exporting device
 * @param kekCheckValue the KEK's check value: the importing device's KEK must have the same
 * @param ciphertext    {@code iv (12 bytes) || SM4-GCM ciphertext || tag (16 bytes)} (copied)
 */
public record WrappedKey(KeyId id, KeyType type, KeyUsage usage, String checkValue, KeyId kek, String kekCheckValue,
                         byte[] ciphertext) {

    /** The prefix of {@link #encoded()}: format 1 of the health card wrapped key. */
    public static final String FORMAT = "HCWK1";

    private static final Pattern CHECK_VALUE = Pattern.compile("[0-9A-F]{8}");

    public WrappedKey {
        if (id == null || type == null || usage == null || kek == null || ciphertext == null) {
            throw new IllegalArgumentException("A wrapped key needs its id, type, usage, KEK and ciphertext");
        }
        if (!usage.allows(type)) {
            throw new IllegalArgumentException("An " + type + " key cannot have usage " + usage);
        }
        requireCheckValue(checkValue);
        requireCheckValue(kekCheckValue);
        ciphertext = ciphertext.clone();
    }

    private static void requireCheckValue(String value) {
        if (value == null || !CHECK_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("A key check value is 8 upper-case hex digits, not '" + value + "'");
        }
    }

    /** The wrapped key material (a copy). */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /**
     * One line of text to move the wrapped key between devices:
     * {@code HCWK1:label:version:type:usage:checkValue:kekLabel:kekVersion:kekCheckValue:base64(ciphertext)}.
     */
    public String encoded() {
        return String.join(":", FORMAT, id.label(), Integer.toString(id.version()), type.name(), usage.name(),
                checkValue, kek.label(), Integer.toString(kek.version()), kekCheckValue,
                Base64.getEncoder().encodeToString(ciphertext));
    }

    /**
     * Reads the output of {@link #encoded()}.
     *
     * @throws IllegalArgumentException if {@code text} is not a wrapped key of format {@value #FORMAT}
     */
    public static WrappedKey parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
        if (parts.length != 10 || !FORMAT.equals(parts[0])) {
            throw new IllegalArgumentException("Not a wrapped key of format " + FORMAT);
        }
        try {
            return new WrappedKey(new KeyId(parts[1], Integer.parseInt(parts[2])), KeyType.valueOf(parts[3]),
                    KeyUsage.valueOf(parts[4]), parts[5], new KeyId(parts[6], Integer.parseInt(parts[7])), parts[8],
                    Base64.getDecoder().decode(parts[9]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a wrapped key of format " + FORMAT + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that && encoded().equals(that.encoded());
    }

    @Override
    public int hashCode() {
        return encoded().hashCode();
    }

    /** Metadata only; the ciphertext is left out. */
    @Override
    public String toString() {
        return "WrappedKey[" + id + ", " + type + ", " + usage + ", check value " + checkValue + ", under " + kek
                + " (check value " + kekCheckValue + ")]";
    }
}
