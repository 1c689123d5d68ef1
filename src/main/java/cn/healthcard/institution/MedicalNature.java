package cn.healthcard.institution;

import java.util.Optional;

/**
 * 机构性质 of a medical institution (ORG-02), after the ownership groups of the health statistics (公立 / 民营).
 * Decision 023.
 */
public enum MedicalNature {
    PUBLIC("公立", "Public"),
    PRIVATE("民营", "Private"),
    OTHER("其他", "Other");

    private final String nameZh;
    private final String nameEn;

    MedicalNature(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** By constant ({@code PUBLIC}) or Chinese name ({@code 公立}). */
    public static Optional<MedicalNature> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.strip();
        for (MedicalNature n : values()) {
            if (n.name().equalsIgnoreCase(s) || n.nameZh.equals(s)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
