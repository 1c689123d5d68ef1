package cn.healthcard.institution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The writable fields of an institution (register and modify). The annotations check each field on its own; the
 * service checks the rest (each kind's required fields, the region in GB/T 2260, the superior centre, the credit
 * code's check character, uniqueness) and answers with {@link cn.healthcard.common.DomainValidationException}s naming
 * the field. On modify, {@code code} and {@code kind} must stay as they are. Decision 023.
 *
 * @param superiorCode blank = the registration centre of the region above (for a centre) or of the institution's
 *                     region or the one above it (other kinds), filled in by the service
 */
public record InstitutionForm(
        @NotBlank(message = "「机构代码」不能为空")
        @Size(max = 32, message = "「机构代码」不能超过32个字符")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*", message = "「机构代码」只能由字母、数字、-和_组成")
        String code,
        @NotBlank(message = "「机构名称」不能为空")
        @Size(max = 100, message = "「机构名称」不能超过100个字符")
        String name,
        @NotNull(message = "「机构类型」不能为空")
        InstitutionKind kind,
        @NotBlank(message = "「行政区划」不能为空")
        @Pattern(regexp = "\\d{6}", message = "「行政区划」应为6位数字")
        String regionCode,
        @Size(max = 32, message = "「上级注册管理中心」不能超过32个字符")
        String superiorCode,
        @Size(max = 50, message = "「联系人」不能超过50个字符")
        String contact,
        @Size(max = 30, message = "「联系电话」不能超过30个字符")
        @Pattern(regexp = "[0-9+()\\- ]*", message = "「联系电话」只能包含数字、+、-、括号和空格")
        String phone,
        @Size(max = 200, message = "「地址」不能超过200个字符")
        String address,
        @Size(max = 50, message = "「负责人」不能超过50个字符")
        String head,
        MedicalNature nature,
        MedicalCategory category,
        @Size(max = 18, message = "「统一社会信用代码」应为18位")
        String creditCode,
        @Size(max = 40, message = "「医疗机构登记号」不能超过40个字符")
        @Pattern(regexp = "[A-Za-z0-9]*", message = "「医疗机构登记号」只能由字母和数字组成")
        String medicalCode) {

    /** The form of an existing institution, for editing. */
    public static InstitutionForm of(InstitutionDetails d) {
        return new InstitutionForm(d.code(), d.name(), d.kind(), d.region().value(), d.superiorCode(), d.contact(),
                d.phone(), d.address(), d.head(), d.nature(), d.category(), d.creditCode(), d.medicalCode());
    }
}
