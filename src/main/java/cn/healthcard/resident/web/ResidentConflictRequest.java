package cn.healthcard.resident.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.resident.ResidentConflictFiling;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * 档案核实更正申请 over the API: the resident's document, the identity data entered at the filing centre and the
 * reason. Missing, too long or malformed fields answer 400 naming them before the service runs; whether the data
 * pass the card-data rules against the record's document is the service's check (the same as for the desk).
 */
@Schema(description = "File a resident-data conflict review (档案核实更正申请) for a record of another region")
record ResidentConflictRequest(
        @Schema(description = "document type (WS 364 CV02.01.101; 01 = 居民身份证)", example = "01", maxLength = 2,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请选择「证件类型」") @Size(max = 2, message = "请选择「证件类型」")
        String documentType,
        @Schema(description = "document number of the resident whose record is to be corrected", maxLength = 32,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「证件号码」") @Size(max = 32, message = "「证件号码」最多32个字符")
        String documentNumber,
        @Schema(description = "full name as entered", maxLength = 50, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「姓名」") @Size(max = 50, message = "「姓名」最多50个字符")
        String name,
        @Schema(description = "sex (GB/T 2261.1: 1 male, 2 female, 0 unknown, 9 unspecified)", example = "1",
                maxLength = 1, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请选择「性别」") @Size(max = 1, message = "请选择「性别」")
        String sex,
        @Schema(description = "ethnicity (GB/T 3304, two digits)", example = "01", maxLength = 2,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请选择「民族」") @Size(max = 2, message = "请选择「民族」")
        String ethnicity,
        @Schema(description = "birth date (yyyy-MM-dd)", format = "date", example = "1985-06-01",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「出生日期」")
        @Pattern(regexp = "\\s*\\d{4}-\\d{2}-\\d{2}\\s*", message = "「出生日期」应为日期 (yyyy-MM-dd)")
        String birthDate,
        @Schema(description = "why the record's identity data should be corrected", maxLength = 500,
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "请填写「核实更正原因」") @Size(max = 500, message = "「核实更正原因」最多500个字符")
        String reason) {

    ResidentConflictFiling filing() {
        LocalDate birth;
        try {
            birth = LocalDate.parse(birthDate.strip());
        } catch (DateTimeParseException e) {
            throw new DomainValidationException("birthDate", "「出生日期」应为日期 (yyyy-MM-dd)");
        }
        return new ResidentConflictFiling(documentType, documentNumber, name, sex, ethnicity, birth, reason);
    }
}
