package cn.healthcard.institution;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/**
 * The combined query of the register (ORG-01, ORG-02): every filter optional, all given ones must hold. The result
 * is always limited to the caller's region and those below it (ORG-05).
 *
 * @param name           part of the name
 * @param regionCode     the region and its sub-regions
 * @param code           the institution code, exactly
 * @param registeredFrom registered on or after this day (China time)
 * @param registeredTo   registered on or before this day (China time)
 */
public record InstitutionQuery(
        @Parameter(description = "part of the name (机构名称包含)")
        @Size(max = 100, message = "「机构名称」不能超过100个字符") String name,
        @Parameter(description = "kind (机构类型)") InstitutionKind kind,
        @Parameter(description = "nature of a medical institution (机构性质)") MedicalNature nature,
        @Parameter(description = "region, with its sub-regions (行政区划，含下级)")
        @Pattern(regexp = "\\d{6}", message = "「行政区划」应为6位数字") String regionCode,
        @Parameter(description = "category of a medical institution (机构类别)") MedicalCategory category,
        @Parameter(description = "institution code, exactly (机构代码)")
        @Size(max = 32, message = "「机构代码」不能超过32个字符") String code,
        @Parameter(description = "registered on or after (yyyy-MM-dd)")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate registeredFrom,
        @Parameter(description = "registered on or before (yyyy-MM-dd)")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate registeredTo,
        @Parameter(description = "status (状态)") InstitutionStatus status) {

    /** No filter: everything in the caller's scope. */
    public static InstitutionQuery all() {
        return new InstitutionQuery(null, null, null, null, null, null, null, null, null);
    }
}
