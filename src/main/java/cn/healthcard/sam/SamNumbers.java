package cn.healthcard.sam;

import cn.healthcard.common.DomainValidationException;

import java.util.regex.Pattern;

/** The form of a SAM card number at this module's edges: 8 to 32 digits or capital letters. */
public final class SamNumbers {

    public static final Pattern PATTERN = Pattern.compile("[0-9A-Z]{8,32}");

    private SamNumbers() {
    }

    public static boolean valid(String samNo) {
        return samNo != null && PATTERN.matcher(samNo).matches();
    }

    /** The number, or 400 naming {@code field}. */
    public static String require(String samNo, String field) {
        if (samNo == null || samNo.isBlank()) {
            throw new DomainValidationException(field, "请填写「SAM卡号」");
        }
        if (!valid(samNo.strip())) {
            throw new DomainValidationException(field, "「SAM卡号」应为8–32位数字或大写字母");
        }
        return samNo.strip();
    }
}
