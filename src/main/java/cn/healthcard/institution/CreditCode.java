package cn.healthcard.institution;

import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set {@code 0-9 A-H J-N P-R T U W-Y} (no
 * I, O, S, V, Z); characters 3–8 are the region code (digits); the 18th is a check character computed modulo 31
 * over the first 17 with the weights 3^(i) mod 31.
 */
public final class CreditCode {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Why the code is not a valid unified social credit code; empty when it is. */
    public static Optional<String> problem(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of("「统一社会信用代码」应为18位");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("「统一社会信用代码」第" + (i + 1) + "位「" + code.charAt(i)
                        + "」不是允许的字符（数字或除I、O、S、V、Z外的大写字母）");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("「统一社会信用代码」第3–8位应为行政区划代码（数字）");
            }
        }
        if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
            return Optional.of("「统一社会信用代码」校验位错误");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit-code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }
}
