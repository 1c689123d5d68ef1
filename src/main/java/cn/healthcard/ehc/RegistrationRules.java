package cn.healthcard.ehc;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.PersonName;
import cn.healthcard.common.IdNumber;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of documents and registrations of the e-card module, with Chinese messages naming the field. A document
 * number must be printable ASCII (the e-card ID encrypts its ASCII bytes, design.md §5).
 */
final class RegistrationRules {

    private static final Pattern OTHER_DOCUMENT = Pattern.compile("^[A-Za-z0-9()\\-]{5,32}$");
    private static final Pattern CLIENT_ID = Pattern.compile("^[\\x21-\\x7E]{1,64}$");

    private RegistrationRules() {
    }

    /** A document normalised as the resident module keeps it (trimmed, upper case), with its sex and birth date. */
    record CheckedDocument(String type, String number, String sex, LocalDate birthDate) {
    }

    /** Checks a document; violations are added under {@code field}.Type / {@code field}.Number. */
    static CheckedDocument document(DocumentRef document, String field, List<FieldViolation> violations) {
        String typeField = field + "Type";
        String numberField = field + "Number";
        if (document == null || blank(document.type())) {
            violations.add(new FieldViolation(typeField, "请选择「证件类型」"));
            return null;
        }
        if (!CodeTables.documentTypes().contains(document.type())) {
            violations.add(new FieldViolation(typeField, "「证件类型」代码无效: " + document.type()));
            return null;
        }
        if (blank(document.number())) {
            violations.add(new FieldViolation(numberField, "请填写「证件号码」"));
            return null;
        }
        String number = document.number().trim().toUpperCase(Locale.ROOT);
        if ("01".equals(document.type())) {
            try {
                IdNumber id = IdNumber.parse(number);
                return new CheckedDocument("01", id.value(), id.sexCode(), id.birthDate());
            } catch (DomainValidationException e) {
                e.violations().forEach(v -> violations.add(new FieldViolation(numberField, v.message())));
                return null;
            }
        }
        if (!OTHER_DOCUMENT.matcher(number).matches()) {
            violations.add(new FieldViolation(numberField, "「证件号码」应为5–32位字母、数字、半角括号或连字符"));
            return null;
        }
        return new CheckedDocument(document.type(), number, null, null);
    }

    /** The registration checked as a whole; throws {@link DomainValidationException} listing every violation. */
    static Checked registration(EhcRegistration r, Clock clock) {
        List<FieldViolation> v = new ArrayList<>();
        CheckedDocument document = document(r.document(), "document", v);
        CheckedDocument sameAs = r.sameAs() == null ? null : document(r.sameAs(), "sameAsDocument", v);
        if (document != null && sameAs != null && document.type().equals(sameAs.type())
                && document.number().equals(sameAs.number())) {
            v.add(new FieldViolation("sameAsDocumentNumber", "「已登记证件」须是本人的另一个证件"));
        }
        if (blank(r.name())) {
            v.add(new FieldViolation("name", "请填写「姓名」"));
        } else {
            PersonName.violation(r.name(), document == null ? null : document.type())
                    .ifPresent(m -> v.add(new FieldViolation("name", m)));
        }
        String sex = r.sex();
        LocalDate birthDate = r.birthDate();
        if (document != null && document.sex() != null) { // 居民身份证: from the number, and must agree
            if (sex != null && !sex.isBlank() && !sex.equals(document.sex())) {
                v.add(new FieldViolation("sex", "「性别」与居民身份证号码不一致"));
            }
            if (birthDate != null && !birthDate.equals(document.birthDate())) {
                v.add(new FieldViolation("birthDate", "「出生日期」与居民身份证号码不一致"));
            }
            sex = document.sex();
            birthDate = document.birthDate();
        } else {
            if (blank(sex)) {
                v.add(new FieldViolation("sex", "请选择「性别」"));
            } else if (!CodeTables.sexes().contains(sex)) {
                v.add(new FieldViolation("sex", "「性别」代码无效: " + sex));
            }
            if (birthDate == null) {
                v.add(new FieldViolation("birthDate", "请填写「出生日期」"));
            } else if (birthDate.isAfter(LocalDate.now(clock)) || birthDate.getYear() < 1900) {
                v.add(new FieldViolation("birthDate", "「出生日期」不在有效范围内"));
            }
        }
        if (r.channel() != EhcChannel.APP && r.channel() != EhcChannel.INSTITUTION_TERMINAL) {
            v.add(new FieldViolation("channel", "「注册渠道」应为 APP 或 INSTITUTION_TERMINAL"));
        }
        if (r.clientId() != null && !r.clientId().isBlank() && !CLIENT_ID.matcher(r.clientId().trim()).matches()) {
            v.add(new FieldViolation("clientId", "「客户端标识」最多64个可打印字符"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
        return new Checked(document, sameAs, r.name().trim(), sex, birthDate,
                r.clientId() == null || r.clientId().isBlank() ? null : r.clientId().trim());
    }

    record Checked(CheckedDocument document, CheckedDocument sameAs, String name, String sex, LocalDate birthDate,
                   String clientId) {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
