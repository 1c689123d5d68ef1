package cn.healthcard.filing.web;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.filing.AttachmentKind;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.NewAttachment;
import cn.healthcard.filing.ProductType;
import cn.healthcard.filing.ProviderType;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The request bodies and query records of the filing API; each names its fields in a 400. */
final class FilingRequests {

    private FilingRequests() {
    }

    /**
     * The files of one API request together (and so each file) at most 3,000,000 bytes decoded: as Base64 with the
     * rest of the JSON they stay under the 4 MiB every /api request body may have ({@code healthcard.api.max-body-bytes},
     * shell's RequestBodyLimit, 413 beyond). The desk takes files of up to 5 MB; over the API, further files come with
     * the completion (补正) after a send-back.
     */
    static final int API_MAX_TOTAL_BYTES = 3_000_000;
    static final String API_LIMIT_TEXT = "经接口提交的附件每次请求合计最大3,000,000字节（约2.86 MB，Base64编码后约4 MB）";
    /** A single file of {@link #API_MAX_TOTAL_BYTES} as Base64. */
    static final int MAX_BASE64 = (API_MAX_TOTAL_BYTES + 2) / 3 * 4;

    @Schema(description = "A file: certificate (资质证书) or test report (检测报告), PDF/PNG/JPEG, Base64; the files of one "
            + "request together at most 3,000,000 bytes decoded (the request body is limited to 4 MiB; 400 on "
            + "attachments beyond, 413 for a body over 4 MiB)")
    record Attachment(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "请选择附件类别") AttachmentKind kind,
            @Schema(maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「文件名」") @Size(max = 100, message = "「文件名」最多100个字符") String fileName,
            @Schema(example = "application/pdf", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「文件类型」")
            @Pattern(regexp = "application/pdf|image/png|image/jpeg", message = "附件须为 PDF、PNG 或 JPEG 文件")
            String contentType,
            @Schema(description = "the file's bytes, Base64", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "附件内容为空") @Size(max = MAX_BASE64, message = API_LIMIT_TEXT) String contentBase64) {

        NewAttachment toNew(String field) {
            try {
                return new NewAttachment(kind, fileName, contentType, Base64.getDecoder().decode(contentBase64.strip()));
            } catch (IllegalArgumentException e) {
                throw new DomainValidationException(field + ".contentBase64", "附件内容不是有效的 Base64");
            }
        }
    }

    static List<NewAttachment> files(List<Attachment> attachments) {
        if (attachments == null) {
            return List.of();
        }
        java.util.ArrayList<NewAttachment> out = new java.util.ArrayList<>();
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            NewAttachment file = attachments.get(i).toNew("attachments[" + i + "]");
            total += file.content().length;
            out.add(file);
        }
        if (total > API_MAX_TOTAL_BYTES) {
            throw new DomainValidationException("attachments", API_LIMIT_TEXT);
        }
        return out;
    }

    @Schema(description = "An application for the filing of a product (产品备案申请)")
    record Application(
            @Schema(description = "the manufacturer, for the national centre's desk; a manufacturer's client leaves "
                    + "it out (its own)", maxLength = 36)
            @Size(max = 36, message = "「生产单位」不正确") String manufacturerId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "请选择「产品类型」")
            ProductType productType,
            @Schema(maxLength = 64, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「产品型号」") @Size(max = 64, message = "「产品型号」最多64个字符") String model,
            @Schema(maxLength = 32, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「产品版本」") @Size(max = 32, message = "「产品版本」最多32个字符")
            String productVersion,
            @Schema(maxLength = 500) @Size(max = 500, message = "「产品说明」最多500个字符") String description,
            @Schema(description = "at least one certificate and one test report; at most 10 files, together at most "
                    + "3,000,000 bytes decoded",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotEmpty(message = "请上传资质证书与检测报告") @Size(max = 10, message = "附件最多10个")
            List<@Valid Attachment> attachments) {
    }

    @Schema(description = "The completion of an application sent back (补正)")
    record Completion(
            @Schema(maxLength = 32, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「产品版本」") @Size(max = 32, message = "「产品版本」最多32个字符")
            String productVersion,
            @Schema(maxLength = 500) @Size(max = 500, message = "「产品说明」最多500个字符") String description,
            @Schema(description = "further files, at most 10, together at most 3,000,000 bytes decoded")
            @Size(max = 10, message = "附件最多10个")
            List<@Valid Attachment> attachments) {
    }

    @Schema(description = "Withdraw an application sent back (撤回)")
    record WithdrawalRequest(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "撤回时请填写「撤回原因」") @Size(max = 200, message = "「撤回原因」最多200个字符")
            String reason) {
    }

    @Schema(description = "Correct a filed product's version or description (national centre)")
    record Modification(
            @Schema(description = "the filing's version as last read; 409 STALE_VERSION when it changed since",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "请提供「版本号」（version）") Long version,
            @Schema(maxLength = 32, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「产品版本」") @Size(max = 32, message = "「产品版本」最多32个字符")
            String productVersion,
            @Schema(maxLength = 500) @Size(max = 500, message = "「产品说明」最多500个字符") String description) {
    }

    @Schema(description = "Revoke a filing (national centre): off the catalogue at once")
    record Revocation(
            @Schema(maxLength = 500, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「撤销原因」") @Size(max = 500, message = "「撤销原因」最多500个字符")
            String reason) {
    }

    @Schema(description = "A manufacturer (生产单位) to record (national centre)")
    record Manufacturer(
            @Schema(maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「单位名称」") @Size(max = 100, message = "「单位名称」最多100个字符") String name,
            @Schema(description = "unified social credit code, 18 characters", example = "91110105MA01ABCD2X",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "「统一社会信用代码」应为18位代码") @Size(min = 18, max = 18,
                    message = "「统一社会信用代码」应为18位代码") String creditCode,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotEmpty(message = "请选择「供应商类型」")
            Set<ProviderType> providerTypes,
            @Schema(maxLength = 50, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「联系人」") @Size(max = 50, message = "「联系人」最多50个字符") String contactName,
            @Schema(maxLength = 30, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「联系电话」") @Size(max = 30, message = "「联系电话」最多30个字符")
            String contactPhone,
            @Schema(description = "the OAuth 2 client id through which it applies", maxLength = 64)
            @Size(max = 64, message = "「接入客户端」最多64个字符") String apiClientId) {
    }

    @Schema(description = "A filed product this centre uses (FIL-03)")
    record InUse(
            @Schema(maxLength = 32, requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank(message = "请填写「备案号」") @Size(max = 32, message = "「备案号」最多32个字符") String filingNo,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "请填写「启用日期」")
            LocalDate since,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "请填写「使用数量」")
            @Min(value = 0, message = "「使用数量」不能小于0") @Max(value = 100_000_000, message = "「使用数量」过大")
            Integer quantity,
            @Schema(maxLength = 200) @Size(max = 200, message = "「备注」最多200个字符") String notes) {
    }

    /** The catalogue's filters ({@code ?productType=&status=&model=&manufacturer=&filingNo=}). */
    record Filters(
            @Parameter(description = "product type") ProductType productType,
            @Parameter(description = "status") FilingStatus status,
            @Parameter(description = "part of the model") @Size(max = 64, message = "「产品型号」最多64个字符") String model,
            @Parameter(description = "part of the manufacturer's name")
            @Size(max = 100, message = "「生产单位」最多100个字符") String manufacturer,
            @Parameter(description = "part of the filing number")
            @Size(max = 32, message = "「备案号」最多32个字符") String filingNo) {

        cn.healthcard.filing.CatalogueFilter filter() {
            return new cn.healthcard.filing.CatalogueFilter(productType, status, model, manufacturer, filingNo);
        }
    }

    /** The question of the catalogue API ({@code ?productType=&model=}). */
    record Check(
            @Parameter(description = "product type", required = true) @NotNull(message = "请选择「产品类型」")
            ProductType productType,
            @Parameter(description = "model", required = true) @NotBlank(message = "请填写「产品型号」")
            @Size(max = 64, message = "「产品型号」最多64个字符") String model,
            @Parameter(description = "the manufacturer's unified social credit code or id; without it, any "
                    + "manufacturer's model of that name") @Size(max = 36, message = "「生产单位」最多36个字符")
            String manufacturer) {
    }
}
