package cn.healthcard.report;

import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The printable documents of the system as PDF, printed from the XHTML + Thymeleaf templates in {@code reports/} by
 * {@link ReportRenderer} (Flying Saucer on OpenPDF, decision 021).
 */
@Component
public class ReportService {

    private final ReportRenderer renderer;
    /** Only for the audit export, whose 10 000 rows Flying Saucer lays out too slowly (decision 021). */
    private final PdfTemplateRenderer auditRenderer;

    /** Uses the application's {@link Clock} bean for generation times, or the system clock when there is none. */
    public ReportService(ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(() -> Clock.system(cn.healthcard.common.ChinaTime.ZONE));
        this.renderer = new ReportRenderer(time);
        this.auditRenderer = new PdfTemplateRenderer(time);
    }

    /** The resident's pick-up receipt (居民健康卡领卡签收单, APP-12) as PDF. */
    public byte[] pickupReceipt(PickupReceipt receipt) {
        return renderer.render(PickupReceipt.TEMPLATE, receipt.toValues());
    }

    /**
     * A card lifecycle application form as PDF (LC-01 … LC-04, LC-06): 挂失, 解挂, 解锁, 补领 or 注销申请单, the
     * template chosen by {@link CardRequestForm#requestType()}.
     */
    public byte[] cardRequestForm(CardRequestForm form) {
        return renderer.render(form.templateName(), form.toValues(), form.toLists());
    }

    /**
     * The result of an audit trail search as PDF (审计日志查询结果, APP-13, SEC-03), landscape, the column headings
     * repeated on every page. Still printed from the XML table template {@code reports/audit-export.xml} (decision
     * 021).
     */
    public byte[] auditTrail(AuditTrailReport report) {
        return auditRenderer.render(AuditTrailReport.TEMPLATE, report.toValues(), report.toLists());
    }

    /** The printable page of an e-card's static QR code (电子健康卡静态二维码, EHC-04) as PDF. */
    public byte[] ehcQrCard(EhcQrPrint print) {
        return renderer.render(EhcQrPrint.TEMPLATE, print.toValues(), Map.of(), print.toImages());
    }

    /**
     * A document whose values another module builds (e.g. the filing certificate and review opinion, {@code filing}):
     * the template's name in {@code reports/}, its texts and lists of rows.
     */
    public byte[] document(String template, Map<String, String> values,
                           Map<String, java.util.List<Map<String, String>>> lists) {
        return renderer.render(template, values, lists);
    }

    /**
     * A document with texts, lists of rows and images (PNG or JPEG bytes, given to the template as {@code data:}
     * URIs), e.g. the charts of the monthly report ({@code supervision}).
     */
    public byte[] document(String template, Map<String, String> values,
                           Map<String, java.util.List<Map<String, String>>> lists, Map<String, byte[]> images) {
        return renderer.render(template, values, lists, images);
    }
}
