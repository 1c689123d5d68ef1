package cn.healthcard.crypto.device;

import java.util.regex.Pattern;

/**
 * A stored key of the device: its label (what it is for, e.g. {@code pd.personal-data}) and its version (1, 2, ...;
 * a new version of a label replaces the old one for new work, while old versions may still decrypt).
 *
 * @param label   lower-case letters and digits in words separated by {@code .}, {@code -} or {@code _}; at most 64 characters
 * @param version 1 or more
 */
public record KeyId(String label, int version) implements KeyHandle, Comparable<KeyId> {

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");

    public KeyId {
        requireLabel(label);
        if (version < 1) {
            throw new IllegalArgumentException("A key version is 1 or more, not " + version);
        }
    }

    /**
     * The label of a receiver's transport key (KEK) as the key distribution makes it and a data file for that
     * receiver uses it: {@code transport.<code>}, the institution code in lower case with every run of other
     * characters as {@code -} ({@code CM-110000} → {@code transport.cm-110000}).
     */
    public static String transportLabel(String receiverCode) {
        return "transport." + receiverCode.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Version {@code version} of {@code label}. */
    public static KeyId of(String label, int version) {
        return new KeyId(label, version);
    }

    /**
     * Checks a key label.
     *
     * @throws IllegalArgumentException if it is not lower-case words of letters and digits separated by {@code .-_}
     */
    public static String requireLabel(String label) {
        if (label == null || label.length() > 64 || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("A key label is lower-case words of letters and digits separated by "
                    + "'.', '-' or '_', at most 64 characters, not '" + label + "'");
        }
        return label;
    }

    @Override
    public int compareTo(KeyId other) {
        int byLabel = label.compareTo(other.label);
        return byLabel != 0 ? byLabel : Integer.compare(version, other.version);
    }

    /** {@code label v1}. */
    @Override
    public String toString() {
        return label + " v" + version;
    }
}
