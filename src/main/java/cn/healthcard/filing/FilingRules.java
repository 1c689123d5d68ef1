package cn.healthcard.filing;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The completeness checks of a filing (FIL-01), the same for the desk, the API and the process: product type, model
 * and version, at least one certificate and one test report, files of an allowed type (PDF, PNG, JPEG — declared and
 * by their first bytes) and size. Violations are 400 naming the field.
 */
final class FilingRules {

    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    static final int MAX_FILES = 10;
    static final int MAX_FILE_NAME = 100;
    static final Set<String> CONTENT_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/\\-]{0,63}");
    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");

    private FilingRules() {
    }

    static void checkApplication(FilingApplication a) {
        List<FieldViolation> v = new ArrayList<>();
        if (a.productType() == null) {
            v.add(new FieldViolation("productType", "请选择「产品类型」"));
        }
        if (blank(a.model())) {
            v.add(new FieldViolation("model", "请填写「产品型号」"));
        } else if (!MODEL.matcher(a.model().strip()).matches()) {
            v.add(new FieldViolation("model", "「产品型号」应为1–64位字母、数字、空格、点、斜线、下划线或连字符"));
        }
        checkVersionAndDescription(a.productVersion(), a.description(), v);
        checkAttachments(a.attachments(), v);
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    static void checkCompletion(FilingCompletion c) {
        List<FieldViolation> v = new ArrayList<>();
        checkVersionAndDescription(c.productVersion(), c.description(), v);
        checkFiles(c.attachments(), v);
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    /** Both kinds of attachment are there (certificate and test report), together with the files already held. */
    static List<FieldViolation> missingKinds(Set<AttachmentKind> held) {
        List<FieldViolation> v = new ArrayList<>();
        if (!held.contains(AttachmentKind.CERTIFICATE)) {
            v.add(new FieldViolation("attachments", "请上传「资质证书」"));
        }
        if (!held.contains(AttachmentKind.TEST_REPORT)) {
            v.add(new FieldViolation("attachments", "请上传「检测报告」"));
        }
        return v;
    }

    static void checkManufacturer(ManufacturerRegistration m) {
        List<FieldViolation> v = new ArrayList<>();
        if (blank(m.name())) {
            v.add(new FieldViolation("name", "请填写「单位名称」"));
        } else if (m.name().strip().length() > 100) {
            v.add(new FieldViolation("name", "「单位名称」最多100个字符"));
        }
        if (blank(m.creditCode()) || !CREDIT_CODE.matcher(m.creditCode().strip()).matches()) {
            v.add(new FieldViolation("creditCode", "「统一社会信用代码」应为18位代码"));
        }
        if (m.providerTypes() == null || m.providerTypes().isEmpty()) {
            v.add(new FieldViolation("providerTypes", "请选择「供应商类型」"));
        }
        if (blank(m.contactName())) {
            v.add(new FieldViolation("contactName", "请填写「联系人」"));
        } else if (m.contactName().strip().length() > 50) {
            v.add(new FieldViolation("contactName", "「联系人」最多50个字符"));
        }
        if (blank(m.contactPhone()) || !m.contactPhone().strip().matches("[0-9+\\- ]{5,30}")) {
            v.add(new FieldViolation("contactPhone", "「联系电话」应为5–30位数字"));
        }
        if (!blank(m.apiClientId()) && !m.apiClientId().strip().matches("[A-Za-z0-9]{1,64}")) {
            v.add(new FieldViolation("apiClientId", "「接入客户端」应为1–64位字母或数字"));
        }
        if (!v.isEmpty()) {
            throw new DomainValidationException(v);
        }
    }

    private static void checkVersionAndDescription(String version, String description, List<FieldViolation> v) {
        if (blank(version)) {
            v.add(new FieldViolation("productVersion", "请填写「产品版本」"));
        } else if (version.strip().length() > FilingApplication.MAX_VERSION) {
            v.add(new FieldViolation("productVersion", "「产品版本」最多" + FilingApplication.MAX_VERSION + "个字符"));
        }
        if (description != null && description.strip().length() > FilingApplication.MAX_DESCRIPTION) {
            v.add(new FieldViolation("description", "「产品说明」最多" + FilingApplication.MAX_DESCRIPTION + "个字符"));
        }
    }

    private static void checkAttachments(List<NewAttachment> files, List<FieldViolation> v) {
        checkFiles(files, v);
        Set<AttachmentKind> kinds = java.util.EnumSet.noneOf(AttachmentKind.class);
        files.stream().map(NewAttachment::kind).filter(java.util.Objects::nonNull).forEach(kinds::add);
        v.addAll(missingKinds(kinds));
    }

    private static void checkFiles(List<NewAttachment> files, List<FieldViolation> v) {
        if (files.size() > MAX_FILES) {
            v.add(new FieldViolation("attachments", "附件最多" + MAX_FILES + "个"));
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            NewAttachment f = files.get(i);
            String field = "attachments[" + i + "]";
            if (f.kind() == null) {
                v.add(new FieldViolation(field + ".kind", "请选择附件类别（资质证书或检测报告）"));
            }
            if (blank(f.fileName()) || f.fileName().strip().length() > MAX_FILE_NAME) {
                v.add(new FieldViolation(field + ".fileName", "「文件名」应为1–" + MAX_FILE_NAME + "个字符"));
            }
            if (f.content() == null || f.content().length == 0) {
                v.add(new FieldViolation(field + ".content", "附件内容为空"));
            } else if (f.content().length > MAX_FILE_BYTES) {
                v.add(new FieldViolation(field + ".content", "附件最大5 MB"));
            } else if (f.contentType() == null || !CONTENT_TYPES.contains(f.contentType().strip())
                    || !matchesType(f.contentType().strip(), f.content())) {
                v.add(new FieldViolation(field + ".contentType", "附件须为 PDF、PNG 或 JPEG 文件"));
            }
        }
    }

    /** The file's first bytes say what the declared type says. */
    static boolean matchesType(String contentType, byte[] b) {
        return switch (contentType) {
            case "application/pdf" -> b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F';
            case "image/png" -> b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
            case "image/jpeg" -> b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8
                    && (b[2] & 0xff) == 0xFF;
            default -> false;
        };
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String trimmed(String s) {
        return blank(s) ? null : s.strip();
    }
}
