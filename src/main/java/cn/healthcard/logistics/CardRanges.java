package cn.healthcard.logistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Card (or SAM) numbers written as ascending consecutive ranges, e.g. {@code 110000000000000001-110000000000000050}
 * or {@code SB39FFAD5F5B680001-SB39FFAD5F5B680012}.
 */
public final class CardRanges {

    private CardRanges() {
    }

    public static String of(List<String> cardNos) {
        List<String> sorted = cardNos.stream().sorted().toList();
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && next(sorted.get(j), sorted.get(j + 1))) {
                j++;
            }
            ranges.add(i == j ? sorted.get(i) : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return String.join(", ", ranges);
    }

    /** At most {@code max} characters; the ranges left out as "…另 n 段（共 m 段）". */
    public static String of(List<String> cardNos, int max) {
        String all = of(cardNos);
        if (all.length() <= max) {
            return all;
        }
        String cut = all.substring(0, all.lastIndexOf(", ", max - 24));
        int total = all.split(", ").length;
        int shown = cut.split(", ").length;
        return cut + " …另 " + (total - shown) + " 段（共 " + total + " 段）";
    }

    /**
     * Whether {@code b} follows {@code a}: the same length, the same prefix and a trailing run of digits (at most 18)
     * one higher — card numbers (all digits) and SAM numbers (letters, then a serial) alike.
     */
    private static boolean next(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int start = a.length();
        while (start > 0 && Character.isDigit(a.charAt(start - 1)) && Character.isDigit(b.charAt(start - 1))) {
            start--;
        }
        if (start == a.length() || a.length() - start > 18 || !a.regionMatches(0, b, 0, start)
                || (start > 0 && Character.isDigit(a.charAt(start - 1)))) {
            return false;
        }
        return Long.parseLong(b.substring(start)) == Long.parseLong(a.substring(start)) + 1;
    }
}
