package cn.healthcard.institution;

import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The register's cross-field rules, without Spring: each kind's fields, region, scope, superior centre. */
class InstitutionRulesTest {

    private static final RegionCode NATIONAL = RegionCode.NATIONAL;
    private static final RegionCode BEIJING = RegionCode.of("110000");

    private final Map<String, InstitutionDetails> centres = new LinkedHashMap<>();

    InstitutionRulesTest() {
        centre("N", "000000", null, true);
        centre("BJ", "110000", "N", true);
        centre("GD", "440000", "N", true);
        centre("GZ", "440100", "GD", true);
        centre("SZ-OLD", "440300", "GD", false); // cancelled: Shenzhen has no active centre
    }

    private void centre(String code, String region, String superior, boolean active) {
        centres.put(code, new InstitutionDetails(code, "中心" + code, InstitutionKind.REGISTRATION_CENTRE,
                RegionCode.of(region), superior, "c", "1", "a", "h", null, null, null, null,
                active ? InstitutionStatus.ACTIVE : InstitutionStatus.CANCELLED, Instant.EPOCH, null, null, 0));
    }

    private InstitutionRules.Checked check(InstitutionForm form, RegionCode scope) {
        return InstitutionRules.check(form, scope, centres, null);
    }

    private static InstitutionForm form(InstitutionKind kind, String region, String superior) {
        InstitutionForm f = InstitutionTestData.of(kind, "X-1", region);
        return new InstitutionForm(f.code(), f.name(), f.kind(), f.regionCode(), superior, f.contact(), f.phone(),
                f.address(), f.head(), f.nature(), f.category(), f.creditCode(), f.medicalCode());
    }

    private static String fields(InstitutionRules.Checked c) {
        return String.join(",", c.violations().stream().map(FieldViolation::field).toList());
    }

    @Test
    @DisplayName("ORG-02 a medical institution needs nature, category, a valid credit code and the medical-institution code")
    void medicalFields() {
        InstitutionForm blank = new InstitutionForm("H-1", "医院", InstitutionKind.MEDICAL, "110105", null, "c", "1",
                "a", "h", null, null, null, " ");
        assertThat(fields(check(blank, NATIONAL))).isEqualTo("nature,category,creditCode,medicalCode");
        InstitutionForm badCheck = new InstitutionForm("H-1", "医院", InstitutionKind.MEDICAL, "110105", null, "c",
                "1", "a", "h", MedicalNature.PUBLIC, MedicalCategory.CLINIC, "91350100M000100Y44", "P1");
        assertThat(check(badCheck, NATIONAL).violations()).extracting(FieldViolation::message)
                .containsExactly("「统一社会信用代码」校验位错误");
        assertThat(check(form(InstitutionKind.MEDICAL, "110105", null), NATIONAL).ok()).isTrue();
    }

    @Test
    @DisplayName("ORG-01 ORG-03 ORG-04 centres, card makers and banks need contact, phone, address and head; a desk need not")
    void contactFields() {
        for (InstitutionKind kind : new InstitutionKind[]{InstitutionKind.REGISTRATION_CENTRE,
                InstitutionKind.CARD_MAKER, InstitutionKind.FINANCIAL}) {
            InstitutionForm f = new InstitutionForm("K-1", "机构", kind, "440300", null, null, " ", null, null, null,
                    null, null, null);
            assertThat(fields(check(f, NATIONAL))).as(kind.name()).startsWith("contact,phone,address,head");
        }
        InstitutionForm desk = new InstitutionForm("D-1", "网点", InstitutionKind.SERVICE_POINT, "110105", null, null,
                null, null, null, null, null, null, null);
        assertThat(check(desk, NATIONAL).ok()).isTrue();
    }

    @Test
    @DisplayName("ORG-05 the region must be in GB/T 2260, not 000000 for other kinds, and within the caller's region")
    void region() {
        assertThat(check(form(InstitutionKind.MEDICAL, "119999", null), NATIONAL).violations())
                .extracting(FieldViolation::message).containsExactly("「行政区划」119999不在GB/T 2260行政区划代码表中");
        assertThat(fields(check(form(InstitutionKind.FINANCIAL, "000000", null), NATIONAL))).isEqualTo("regionCode");
        assertThat(check(form(InstitutionKind.MEDICAL, "440106", null), BEIJING).violations())
                .extracting(FieldViolation::message).containsExactly("「行政区划」440106不在您的管辖范围内");
        assertThat(check(form(InstitutionKind.MEDICAL, "110105", null), BEIJING).ok()).isTrue();
    }

    @Test
    @DisplayName("ORG-01 a centre sits at national, provincial or city level under the active centre of the region above, one per region")
    void centres() {
        var city = check(form(InstitutionKind.REGISTRATION_CENTRE, "440300", null), NATIONAL);
        assertThat(city.ok()).isTrue();
        assertThat(city.superiorCode()).isEqualTo("GD");
        assertThat(check(form(InstitutionKind.REGISTRATION_CENTRE, "440300", "N"), NATIONAL).violations())
                .extracting(FieldViolation::message).containsExactly("「上级注册管理中心」应为GD（中心GD）");
        assertThat(fields(check(form(InstitutionKind.REGISTRATION_CENTRE, "440100", null), NATIONAL)))
                .isEqualTo("regionCode"); // Guangzhou has one
        assertThat(check(form(InstitutionKind.REGISTRATION_CENTRE, "440106", null), NATIONAL).violations())
                .extracting(FieldViolation::message).first().asString().contains("是县级");
        assertThat(check(form(InstitutionKind.REGISTRATION_CENTRE, "320100", null), NATIONAL).violations())
                .extracting(FieldViolation::message).first().asString().contains("上级行政区划320000尚无");
        assertThat(fields(check(form(InstitutionKind.REGISTRATION_CENTRE, "000000", "N"), NATIONAL)))
                .contains("superiorCode");
    }

    @Test
    @DisplayName("ORG-02 other kinds belong under the nearest active centre at or above their region")
    void nearestCentre() {
        assertThat(check(form(InstitutionKind.MEDICAL, "440106", null), NATIONAL).superiorCode()).isEqualTo("GZ");
        // Shenzhen's centre is cancelled: its hospitals belong under Guangdong
        assertThat(check(form(InstitutionKind.MEDICAL, "440305", null), NATIONAL).superiorCode()).isEqualTo("GD");
        // a municipality's district: the province (Beijing)
        assertThat(check(form(InstitutionKind.MEDICAL, "110105", null), NATIONAL).superiorCode()).isEqualTo("BJ");
        assertThat(check(form(InstitutionKind.FINANCIAL, "320102", null), NATIONAL).superiorCode()).isEqualTo("N");
        assertThat(fields(check(form(InstitutionKind.FINANCIAL, "440106", "BJ"), NATIONAL)))
                .isEqualTo("superiorCode");
    }

    @Test
    @DisplayName("ORG-01…04 on modify the code, the kind and the region of every kind cannot change")
    void modify() {
        InstitutionDetails bj = centres.get("BJ");
        InstitutionForm moved = new InstitutionForm("BJ", "中心BJ", InstitutionKind.REGISTRATION_CENTRE, "440300",
                null, "c", "1", "a", "h", null, null, null, null);
        assertThat(fields(InstitutionRules.check(moved, NATIONAL, centres, bj))).contains("regionCode");
        InstitutionForm rekind = new InstitutionForm("BJX", "中心BJ", InstitutionKind.FINANCIAL, "110000", null, "c",
                "1", "a", "h", null, null, null, null);
        assertThat(fields(InstitutionRules.check(rekind, NATIONAL, centres, bj))).contains("kind").contains("code");
        // not a centre either: the old region's feed and terminals would keep it (cancel and register again)
        InstitutionDetails bank = new InstitutionDetails("BK", "银行", InstitutionKind.FINANCIAL,
                RegionCode.of("110105"), "BJ", "c", "1", "a", "h", null, null, null, null, InstitutionStatus.ACTIVE,
                java.time.Instant.EPOCH, null, null, 0);
        InstitutionForm bankMoved = new InstitutionForm("BK", "银行", InstitutionKind.FINANCIAL, "110108", null, "c",
                "1", "a", "h", null, null, null, null);
        assertThat(InstitutionRules.check(bankMoved, NATIONAL, centres, bank).violations())
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("regionCode",
                        "「行政区划」（regionCode）不能修改：由110105迁到110108请先注销本机构，再在新行政区划重新登记"));
        assertThat(InstitutionRules.check(InstitutionForm.of(bank), NATIONAL, centres, bank).ok()).isTrue();
        InstitutionForm same = InstitutionForm.of(bj);
        assertThat(InstitutionRules.check(same, NATIONAL, centres, bj).ok()).isTrue();
    }
}
