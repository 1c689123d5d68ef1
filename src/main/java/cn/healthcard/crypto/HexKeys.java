package cn.healthcard.crypto;

import java.util.regex.Pattern;

/** Validation of configured 128-bit keys written as 32 hexadecimal characters; messages never show the value. */
final class HexKeys {

    private static final Pattern KEY = Pattern.compile("[0-9a-fA-F]{32}");

    private HexKeys() {
    }

    /**
     * Checks that {@code value} of {@code property} is 32 hexadecimal characters.
     *
     * @throws IllegalArgumentException naming the property and what is wrong, without the value
     */
    static void require(String property, String value) {
        if (!KEY.matcher(value).matches()) {
            String problem = value.startsWith("${")
                    ? "it is not set (the environment variable named in " + value + " is missing)"
                    : value.length() != 32
                    ? "it has " + value.length() + " characters"
                    : "it contains characters other than 0-9 and a-f";
            throw new IllegalArgumentException(
                    property + " must be 32 hexadecimal characters (a 16-byte SM4 key), but " + problem);
        }
    }
}
