package cn.healthcard.filing;

/** What an attachment of a filing is: a certificate (资质证书) or a test report (检测报告). */
public enum AttachmentKind {
    CERTIFICATE("资质证书", "Certificate"),
    TEST_REPORT("检测报告", "Test report");

    private final String nameZh;
    private final String nameEn;

    AttachmentKind(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
