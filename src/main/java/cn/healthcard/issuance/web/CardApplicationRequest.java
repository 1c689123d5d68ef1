package cn.healthcard.issuance.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * API body of a card application: the resident's card data, photo as Base64 (JPEG or PNG). The schema states what
 * the service enforces (ResidentValidator, PhotoValidator); the service checks it again and names each bad field.
 */
@Schema(description = "居民健康卡申领 / card application")
record CardApplicationRequest(
        @Schema(description = "证件类型 (WS 364 CV02.01.101)", example = "01", requiredMode = REQUIRED,
                allowableValues = {"01", "02", "03", "04", "05", "06", "07", "99"}) String documentType,
        @Schema(description = "证件号码 (居民身份证: GB 11643, 18 位; 其他证件 5–32 位字母、数字或括号)",
                example = "110105199003071239", requiredMode = REQUIRED, maxLength = 32) String documentNumber,
        @Schema(description = "姓名: 汉字与间隔号「·」; 外国及港澳台证件另可用拉丁字母和空格", example = "张三",
                requiredMode = REQUIRED, maxLength = 50) String name,
        @Schema(description = "性别 (GB/T 2261.1)", example = "1", requiredMode = REQUIRED,
                allowableValues = {"0", "1", "2", "9"}) String sex,
        @Schema(description = "民族 (GB 3304, 两位代码)", example = "01", requiredMode = REQUIRED, pattern = "^[0-9]{2}$")
        String ethnicity,
        @Schema(description = "出生日期 (居民身份证须与号码一致)", example = "1990-03-07", requiredMode = REQUIRED)
        LocalDate birthDate,
        @Schema(description = "联系电话: 11 位手机号或带区号的固定电话", example = "13800138000", requiredMode = REQUIRED,
                maxLength = 20) String phone,
        @Schema(description = "住址", example = "北京市朝阳区建国路1号", requiredMode = REQUIRED, maxLength = 200)
        String address,
        @Schema(description = "ABO血型", requiredMode = REQUIRED, allowableValues = {"A", "B", "O", "AB", "UNKNOWN"})
        String bloodTypeAbo,
        @Schema(description = "Rh血型", requiredMode = REQUIRED, allowableValues = {"POSITIVE", "NEGATIVE", "UNKNOWN"})
        String bloodTypeRh,
        @Schema(description = "医学警示信息", maxLength = 500) String medicalAlerts,
        @Schema(description = "照片 (Base64, JPEG/PNG, 至多 2 MB, 240×320 至 2400×3200 像素)", requiredMode = REQUIRED,
                maxLength = 2_796_204) String photoBase64) {
}
