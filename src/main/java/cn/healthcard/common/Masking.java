package cn.healthcard.common;

/**
 * Masks personal data for display to people who need to recognise a record but not read it in full (SEC-02).
 * Every method returns {@code null} for {@code null} and counts characters as Unicode code points.
 */
public final class Masking {

    private static final int MASK = '*';

    private Masking() {
    }

    /** {@code 张三} → {@code 张*}, {@code 张小三} → {@code 张*三}, {@code 欧阳小明} → {@code 欧**明}; one character stays as it is. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        int length = name.codePointCount(0, name.length());
        if (length <= 1) {
            return name;
        }
        return length == 2 ? keep(name, 1, 0) : keep(name, 1, 1);
    }

    /** Keeps the first 4 and the last 4 characters: {@code 1101**********002X}; 8 characters or fewer are masked fully. */
    public static String documentNumber(String number) {
        return keep(number, 4, 4);
    }

    /** Keeps the first 3 and the last 4 digits: {@code 138****5678}; 7 characters or fewer are masked fully. */
    public static String phone(String phone) {
        return keep(phone, 3, 4);
    }

    private static String keep(String text, int head, int tail) {
        if (text == null) {
            return null;
        }
        int[] codePoints = text.codePoints().toArray();
        boolean tooShort = codePoints.length <= head + tail;
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < codePoints.length; i++) {
            boolean visible = !tooShort && (i < head || i >= codePoints.length - tail);
            masked.appendCodePoint(visible ? codePoints[i] : MASK);
        }
        return masked.toString();
    }
}
