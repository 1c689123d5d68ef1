package cn.healthcard.common;

import java.util.Optional;
import java.util.Set;

/**
 * What a person's name may hold on a card and in the registers: Chinese characters, the middle dot 「·」 between the
 * parts of a minority or transliterated name, and — for holders of foreign or Hong Kong/Macao/Taiwan documents —
 * Latin letters with single spaces between words. At most {@value #MAX_LENGTH} characters. Anything else (digits,
 * markup such as {@code <script>}, control characters, other scripts) is refused, so a name can neither carry code
 * into a screen, PDF or export nor break the keyed name index by invisible characters.
 */
public final class PersonName {

    public static final int MAX_LENGTH = 50;
    /** U+00B7, the middle dot of GB 18030 used in minority names (阿依古丽·买买提). */
    public static final char MIDDLE_DOT = '·';

    /** 居民身份证, 居民户口簿, 军官证: the holder is a Chinese citizen whose name is written in Chinese characters. */
    private static final Set<String> CHINESE_ONLY_DOCUMENTS = Set.of("01", "02", "04");

    private PersonName() {
    }

    /** Whether holders of this document type may have a name in Latin letters. */
    public static boolean latinAllowed(String documentType) {
        return documentType == null || !CHINESE_ONLY_DOCUMENTS.contains(documentType);
    }

    /**
     * The Chinese message for field 「姓名」 when {@code name} breaks the rules, empty when it is acceptable. A blank
     * name is the caller's "required" check and passes here.
     */
    public static Optional<String> violation(String name, String documentType) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.strip();
        if (n.codePointCount(0, n.length()) > MAX_LENGTH) {
            return Optional.of("「姓名」最多" + MAX_LENGTH + "个字符");
        }
        boolean latin = latinAllowed(documentType);
        int previous = -1;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            boolean separator = cp == MIDDLE_DOT || cp == ' ';
            boolean letter = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN && Character.isLetter(cp)
                    || latin && (cp >= 'A' && cp <= 'Z' || cp >= 'a' && cp <= 'z');
            if (!letter && !(cp == MIDDLE_DOT || latin && cp == ' ')) {
                return Optional.of(latin
                        ? "「姓名」只能包含汉字、拉丁字母、空格和间隔号「·」"
                        : "「姓名」只能包含汉字和间隔号「·」");
            }
            if (separator && (previous == -1 || previous == MIDDLE_DOT || previous == ' ')) {
                return Optional.of("「姓名」的间隔号「·」或空格只能出现在两个字之间");
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        if (previous == MIDDLE_DOT) {
            return Optional.of("「姓名」的间隔号「·」或空格只能出现在两个字之间");
        }
        return Optional.empty();
    }
}
