package cn.healthcard.institutionui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable;
import cn.healthcard.institution.CentreLevel;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The names of the register's codes and regions as the screens, exports and prints show them, by language. */
final class Labels {

    private Labels() {
    }

    static boolean english(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    static String kind(InstitutionKind kind, Locale locale) {
        return kind == null ? "" : english(locale) ? kind.nameEn() : kind.nameZh();
    }

    /** The kind, for a registration centre with its level: 地市级注册管理中心. */
    static String kindWithLevel(InstitutionDetails d, Locale locale) {
        CentreLevel level = d.level();
        if (level == null) {
            return kind(d.kind(), locale);
        }
        return english(locale) ? level.nameEn() + " " + d.kind().nameEn().toLowerCase(Locale.ROOT)
                : level.nameZh() + d.kind().nameZh();
    }

    static String nature(MedicalNature nature, Locale locale) {
        return nature == null ? "" : english(locale) ? nature.nameEn() : nature.nameZh();
    }

    static String category(MedicalCategory category, Locale locale) {
        return category == null ? "" : english(locale) ? category.nameEn() : category.nameZh();
    }

    static String status(InstitutionStatus status, Locale locale) {
        return status == null ? "" : english(locale) ? status.nameEn() : status.nameZh();
    }

    static String level(CentreLevel level, Locale locale) {
        return level == null ? "" : english(locale) ? level.nameEn() : level.nameZh();
    }

    /** Nature and category of a medical institution, {@code 公立 · 综合医院}; empty for other kinds. */
    static String natureCategory(InstitutionDetails d, Locale locale) {
        if (d.kind() != InstitutionKind.MEDICAL) {
            return "";
        }
        String nature = nature(d.nature(), locale);
        String category = category(d.category(), locale);
        return nature.isEmpty() || category.isEmpty() ? nature + category : nature + " · " + category;
    }

    /** The region's full name (广东省广州市天河区), 全国 for 000000, the code when the table does not know it. */
    static String region(String code) {
        if (code == null) {
            return "";
        }
        if (RegionCode.NATIONAL.value().equals(code)) {
            return "全国";
        }
        return CodeTables.regions().fullName(code);
    }

    /** {@code 440106 广东省广州市天河区}. */
    static String regionLabel(String code) {
        return code == null ? "" : code + " " + region(code);
    }

    /**
     * The region codes a user with this scope may pick: the scope itself and every division of the table within it
     * (ORG-05: nothing above or beside).
     */
    static List<String> regionsWithin(RegionCode scope) {
        List<String> codes = new ArrayList<>();
        if (RegionCode.NATIONAL.equals(scope) || !CodeTables.regions().contains(scope.value())) {
            codes.add(scope.value());
        }
        for (RegionTable.Region region : CodeTables.regions().regions()) {
            if (scope.covers(RegionCode.of(region.code()))) {
                codes.add(region.code());
            }
        }
        return codes;
    }

    static String minutes(Instant instant) {
        return instant == null ? "" : ChinaTime.minutes(instant);
    }

    static LocalDate date(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ChinaTime.ZONE);
    }

    static LocalDateTime dateTime(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ChinaTime.ZONE);
    }

    /** An icon sized to sit in a line of text, e.g. in a download link. */
    static com.vaadin.flow.component.icon.Icon smallIcon(com.vaadin.flow.component.icon.VaadinIcon icon) {
        var created = icon.create();
        created.setSize("var(--lumo-icon-size-s)");
        created.getStyle().set("margin-right", "var(--lumo-space-xs)");
        return created;
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
