package cn.healthcard.issuance.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/** API body of a card application: the resident's card data, photo as Base64 (JPEG or PNG). */
@Schema(description = "居民健康卡申领 / card application")
record CardApplicationRequest(
        @Schema(description = "证件类型 (WS 364 CV02.01.101)", example = "01") String documentType,
        @Schema(description = "证件号码", example = "110105199003071239") String documentNumber,
        @Schema(description = "姓名", example = "张三") String name,
        @Schema(description = "性别 (GB/T 2261.1)", example = "1") String sex,
        @Schema(description = "民族 (GB 3304)", example = "01") String ethnicity,
        @Schema(description = "出生日期", example = "1990-03-07") LocalDate birthDate,
        @Schema(description = "联系电话", example = "13800138000") String phone,
        @Schema(description = "住址", example = "北京市朝阳区建国路1号") String address,
        @Schema(description = "ABO血型", allowableValues = {"A", "B", "O", "AB", "UNKNOWN"}) String bloodTypeAbo,
        @Schema(description = "Rh血型", allowableValues = {"POSITIVE", "NEGATIVE", "UNKNOWN"}) String bloodTypeRh,
        @Schema(description = "医学警示信息") String medicalAlerts,
        @Schema(description = "照片 (Base64, JPEG/PNG)") String photoBase64) {
}
