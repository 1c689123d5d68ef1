package cn.healthcard.institution;

import java.util.Optional;

/**
 * 机构类别 of a medical institution (ORG-02): the main groups of the health-institution classification
 * (医院, 基层医疗卫生机构, 专业公共卫生机构). Decision 023.
 */
public enum MedicalCategory {
    GENERAL_HOSPITAL("综合医院", "General hospital"),
    TCM_HOSPITAL("中医医院", "Traditional Chinese medicine hospital"),
    SPECIALIZED_HOSPITAL("专科医院", "Specialised hospital"),
    MATERNAL_CHILD("妇幼保健院", "Maternal and child health hospital"),
    COMMUNITY_HEALTH_CENTRE("社区卫生服务中心", "Community health centre"),
    TOWNSHIP_HEALTH_CENTRE("乡镇卫生院", "Township health centre"),
    VILLAGE_CLINIC("村卫生室", "Village clinic"),
    CLINIC("门诊部/诊所", "Outpatient department or clinic"),
    PUBLIC_HEALTH("专业公共卫生机构", "Public health institution"),
    OTHER("其他", "Other");

    private final String nameZh;
    private final String nameEn;

    MedicalCategory(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** By constant ({@code GENERAL_HOSPITAL}) or Chinese name ({@code 综合医院}). */
    public static Optional<MedicalCategory> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.strip();
        for (MedicalCategory c : values()) {
            if (c.name().equalsIgnoreCase(s) || c.nameZh.equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
