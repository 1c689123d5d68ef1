package cn.healthcard.resident;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.PersonName;
import cn.healthcard.common.IdNumber;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The card data rules (APP-03, APP-05) in one place, used by every entry path (task forms, API, bulk import).
 * Messages are Chinese and name the field, so the UI can show them as they are.
 */
@Component
public class ResidentValidator {

    static final Set<String> ABO = Set.of("A", "B", "O", "AB", "UNKNOWN");
    static final Set<String> RH = Set.of("POSITIVE", "NEGATIVE", "UNKNOWN");
    private static final Pattern PHONE = Pattern.compile("^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$");
    private static final Pattern OTHER_DOCUMENT = Pattern.compile("^[A-Za-z0-9()（）\\-]{5,32}$");

    private final PhotoValidator photos;
    private final Clock clock;

    public ResidentValidator(PhotoValidator photos, Clock clock) {
        this.photos = photos;
        this.clock = clock;
    }

    /** Every violation of the data, empty when valid. */
    public List<FieldViolation> violations(ResidentData d) {
        List<FieldViolation> v = new ArrayList<>();
        boolean idCard = "01".equals(d.documentType());
        if (blank(d.documentType())) {
            v.add(new FieldViolation("documentType", "请选择「证件类型」"));
        } else if (!CodeTables.documentTypes().contains(d.documentType())) {
            v.add(new FieldViolation("documentType", "「证件类型」代码无效: " + d.documentType()));
        }
        IdNumber idNumber = null;
        if (blank(d.documentNumber())) {
            v.add(new FieldViolation("documentNumber", "请填写「证件号码」"));
        } else if (idCard) {
            try {
                idNumber = IdNumber.parse(d.documentNumber());
            } catch (DomainValidationException e) {
                e.violations().forEach(x -> v.add(new FieldViolation("documentNumber", x.message())));
            }
        } else if (!OTHER_DOCUMENT.matcher(d.documentNumber().trim()).matches()) {
            v.add(new FieldViolation("documentNumber", "「证件号码」应为5–32位字母、数字或括号"));
        }
        if (blank(d.name())) {
            v.add(new FieldViolation("name", "请填写「姓名」"));
        } else {
            PersonName.violation(d.name(), d.documentType()).ifPresent(m -> v.add(new FieldViolation("name", m)));
        }
        if (blank(d.sex())) {
            v.add(new FieldViolation("sex", "请选择「性别」"));
        } else if (!CodeTables.sexes().contains(d.sex())) {
            v.add(new FieldViolation("sex", "「性别」代码无效: " + d.sex()));
        } else if (idNumber != null && !idNumber.sexCode().equals(d.sex())) {
            v.add(new FieldViolation("sex", "「性别」与居民身份证号码不一致"));
        }
        if (blank(d.ethnicity())) {
            v.add(new FieldViolation("ethnicity", "请选择「民族」"));
        } else if (!CodeTables.ethnicities().contains(d.ethnicity())) {
            v.add(new FieldViolation("ethnicity", "「民族」代码无效: " + d.ethnicity()));
        }
        if (d.birthDate() == null) {
            v.add(new FieldViolation("birthDate", "请填写「出生日期」"));
        } else if (d.birthDate().isAfter(LocalDate.now(clock)) || d.birthDate().getYear() < 1900) {
            v.add(new FieldViolation("birthDate", "「出生日期」不在有效范围内"));
        } else if (idNumber != null && !idNumber.birthDate().equals(d.birthDate())) {
            v.add(new FieldViolation("birthDate", "「出生日期」与居民身份证号码不一致"));
        }
        if (blank(d.phone())) {
            v.add(new FieldViolation("phone", "请填写「联系电话」"));
        } else if (!PHONE.matcher(d.phone().trim()).matches()) {
            v.add(new FieldViolation("phone", "「联系电话」应为11位手机号或带区号的固定电话"));
        }
        if (blank(d.address())) {
            v.add(new FieldViolation("address", "请填写「住址」"));
        } else if (d.address().trim().length() > 200) {
            v.add(new FieldViolation("address", "「住址」最多200个字符"));
        }
        if (blank(d.bloodTypeAbo()) || !ABO.contains(d.bloodTypeAbo())) {
            v.add(new FieldViolation("bloodTypeAbo", "请选择「ABO血型」"));
        }
        if (blank(d.bloodTypeRh()) || !RH.contains(d.bloodTypeRh())) {
            v.add(new FieldViolation("bloodTypeRh", "请选择「Rh血型」"));
        }
        if (d.medicalAlerts() != null && d.medicalAlerts().length() > 500) {
            v.add(new FieldViolation("medicalAlerts", "「医学警示信息」最多500个字符"));
        }
        v.addAll(photos.violations(d.photo()));
        return v;
    }

    /** Throws {@link DomainValidationException} listing every violation. */
    public void check(ResidentData d) {
        List<FieldViolation> v = violations(d);
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
