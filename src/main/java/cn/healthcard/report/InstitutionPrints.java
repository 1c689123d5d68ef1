package cn.healthcard.report;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The printed documents of the institution register (ORG-03) as PDF: the query result and one institution's details,
 * from {@code reports/institution-list.html} and {@code reports/institution-details.html} (decision 021).
 */
@Component
public class InstitutionPrints {

    private final ReportRenderer renderer;

    /** Uses the application's {@link Clock} bean for the time of printing, or the system clock when there is none. */
    public InstitutionPrints(ObjectProvider<Clock> clock) {
        this.renderer = new ReportRenderer(clock.getIfAvailable(() -> Clock.system(cn.healthcard.common.ChinaTime.ZONE)));
    }

    /** The result of an institution query (机构查询结果) as PDF, A4 landscape. */
    public byte[] list(InstitutionListReport report) {
        return renderer.render(InstitutionListReport.TEMPLATE, report.toValues(), report.toLists());
    }

    /** One institution's details (机构详细信息) as PDF, A4 portrait. */
    public byte[] details(InstitutionDetailsReport report) {
        return renderer.render(InstitutionDetailsReport.TEMPLATE, report.toValues(), report.toLists());
    }
}
