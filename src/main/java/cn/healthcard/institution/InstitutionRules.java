package cn.healthcard.institution;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the register that need more than one field (decision 023): each kind's required fields, the region in
 * GB/T 2260 and in the caller's scope, the superior centre, one registration centre per region. Shared by
 * {@link InstitutionService} and {@link InstitutionImport}, so a screen, the API and an import check alike.
 * Field-by-field checks are the annotations of {@link InstitutionForm}.
 */
final class InstitutionRules {

    private InstitutionRules() {
    }

    /**
     * The outcome of checking a form: the violations, and the superior centre the institution gets.
     */
    record Checked(List<FieldViolation> violations, String superiorCode) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    /**
     * Checks a form against the register.
     *
     * @param scope    the caller's region
     * @param centres  all registration centres (active or not) by code, including those registered earlier in the
     *                 same import
     * @param existing the institution being modified, or null when registering
     */
    static Checked check(InstitutionForm form, RegionCode scope, Map<String, InstitutionDetails> centres,
                         InstitutionDetails existing) {
        List<FieldViolation> v = new ArrayList<>();
        InstitutionKind kind = form.kind();
        String regionRaw = form.regionCode() == null ? null : form.regionCode().strip();
        RegionCode region = null;
        if (regionRaw != null && regionRaw.matches("\\d{6}")) {
            region = RegionCode.of(regionRaw);
            if (!region.equals(RegionCode.NATIONAL) && !regions().contains(regionRaw)) {
                v.add(new FieldViolation("regionCode", "「行政区划」" + regionRaw + "不在GB/T 2260行政区划代码表中"));
                region = null;
            } else if (region.equals(RegionCode.NATIONAL) && kind != InstitutionKind.REGISTRATION_CENTRE) {
                v.add(new FieldViolation("regionCode", "「行政区划」000000只用于国家级注册管理中心"));
                region = null;
            } else if (!scope.covers(region)) {
                v.add(new FieldViolation("regionCode", "「行政区划」" + regionRaw + "不在您的管辖范围内"));
                region = null;
            }
        }
        if (existing != null) {
            if (kind != null && kind != existing.kind()) {
                v.add(new FieldViolation("kind", "「机构类型」不能修改"));
            }
            if (form.code() != null && !form.code().strip().equals(existing.code())) {
                v.add(new FieldViolation("code", "「机构代码」不能修改"));
            }
            if (region != null && !region.equals(existing.region())) {
                // the exchange log keys changes by region: a move would leave the old region's copy and the
                // terminals behind (decision 023); cancel and register again instead
                v.add(new FieldViolation("regionCode", "「行政区划」（regionCode）不能修改：由"
                        + existing.region().value() + "迁到" + region.value() + "请先注销本机构，再在新行政区划重新登记"));
            }
        }
        if (kind != null && kind != InstitutionKind.SERVICE_POINT) {
            required(v, form.contact(), "contact", "联系人");
            required(v, form.phone(), "phone", "联系电话");
            required(v, form.address(), "address", "地址");
            required(v, form.head(), "head", "负责人");
        }
        if (kind == InstitutionKind.MEDICAL) {
            if (form.nature() == null) {
                v.add(new FieldViolation("nature", "医疗卫生机构的「机构性质」不能为空"));
            }
            if (form.category() == null) {
                v.add(new FieldViolation("category", "医疗卫生机构的「机构类别」不能为空"));
            }
            if (blank(form.creditCode())) {
                v.add(new FieldViolation("creditCode", "医疗卫生机构的「统一社会信用代码」不能为空"));
            } else {
                CreditCode.problem(form.creditCode().strip())
                        .ifPresent(p -> v.add(new FieldViolation("creditCode", p)));
            }
            required(v, form.medicalCode(), "medicalCode", "医疗机构登记号");
        }
        if (kind == InstitutionKind.CARD_MAKER && !blank(form.creditCode())) {
            // a card maker's credit code names it in the filing catalogue (its CARD filings, decision 027)
            CreditCode.problem(form.creditCode().strip()).ifPresent(p -> v.add(new FieldViolation("creditCode", p)));
        }
        String superior = null;
        if (kind != null && region != null) {
            superior = superior(form, kind, region, centres, existing, v);
        }
        return new Checked(v, superior);
    }

    private static String superior(InstitutionForm form, InstitutionKind kind, RegionCode region,
                                   Map<String, InstitutionDetails> centres, InstitutionDetails existing,
                                   List<FieldViolation> v) {
        String given = blank(form.superiorCode()) ? null : form.superiorCode().strip();
        String self = existing != null ? existing.code() : form.code() == null ? null : form.code().strip();
        if (kind == InstitutionKind.REGISTRATION_CENTRE) {
            if (CentreLevel.of(region).isEmpty()) {
                v.add(new FieldViolation("regionCode", "注册管理中心只设在国家、省、地市三级，「行政区划」"
                        + region.value() + "是县级"));
                return null;
            }
            Optional<InstitutionDetails> other = activeCentreIn(region, centres).filter(c -> !c.code().equals(self));
            if (other.isPresent()) {
                v.add(new FieldViolation("regionCode", "行政区划" + region.value() + "已有注册管理中心「"
                        + other.get().name() + "」（" + other.get().code() + "）"));
            }
            if (region.equals(RegionCode.NATIONAL)) {
                if (given != null) {
                    v.add(new FieldViolation("superiorCode", "国家级注册管理中心没有上级"));
                }
                return null;
            }
        }
        Optional<InstitutionDetails> expected = expectedSuperior(kind, region, centres);
        if (expected.isEmpty()) {
            v.add(new FieldViolation("superiorCode", kind == InstitutionKind.REGISTRATION_CENTRE
                    ? "上级行政区划" + parentCentreRegion(region) + "尚无正常状态的注册管理中心，请先登记上级中心"
                    : "行政区划" + region.value() + "及其上级均无正常状态的注册管理中心"));
            return null;
        }
        return checkGiven(given, expected.get(), v);
    }

    /**
     * The centre an institution of this kind in this region belongs under: for a provincial or city centre the
     * active centre of the region above (country, province); for the other kinds the nearest active centre at or
     * above their region. Empty for the national centre, or when that centre is missing.
     */
    static Optional<InstitutionDetails> expectedSuperior(InstitutionKind kind, RegionCode region,
                                                         Map<String, InstitutionDetails> centres) {
        if (kind == InstitutionKind.REGISTRATION_CENTRE) {
            if (region.equals(RegionCode.NATIONAL) || CentreLevel.of(region).isEmpty()) {
                return Optional.empty();
            }
            return activeCentreIn(RegionCode.of(parentCentreRegion(region)), centres);
        }
        for (String r = region.value(); r != null; r = up(r)) {
            Optional<InstitutionDetails> centre = activeCentreIn(RegionCode.of(r), centres);
            if (centre.isPresent()) {
                return centre;
            }
        }
        return Optional.empty();
    }

    private static String checkGiven(String given, InstitutionDetails expected, List<FieldViolation> v) {
        if (given != null && !given.equals(expected.code())) {
            v.add(new FieldViolation("superiorCode", "「上级注册管理中心」应为" + expected.code() + "（"
                    + expected.name() + "）"));
        }
        return expected.code();
    }

    private static Optional<InstitutionDetails> activeCentreIn(RegionCode region, Map<String, InstitutionDetails> c) {
        return c.values().stream()
                .filter(d -> d.kind() == InstitutionKind.REGISTRATION_CENTRE && d.active() && d.region().equals(region))
                .findFirst();
    }

    /** The region whose centre is above a centre of this (provincial or city) region. */
    static String parentCentreRegion(RegionCode region) {
        return region.level() == RegionCode.Level.PROVINCE ? RegionCode.NATIONAL.value()
                : region.value().substring(0, 2) + "0000";
    }

    /** The region above, up to 000000; null above the national level. */
    private static String up(String code) {
        if (code.equals(RegionCode.NATIONAL.value())) {
            return null;
        }
        return regions().parent(code).orElse(RegionCode.NATIONAL.value());
    }

    static RegionTable regions() {
        return CodeTables.regions();
    }

    private static void required(List<FieldViolation> v, String value, String field, String label) {
        if (blank(value)) {
            v.add(new FieldViolation(field, "「" + label + "」不能为空"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
