package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ReportServiceTest {

    @Test
    @DisplayName("APP-12: the report service prints the pick-up receipt without a Clock bean")
    void pickupReceipt() {
        ReportService service = new ReportService(new StaticListableBeanFactory().getBeanProvider(Clock.class));

        assertThat(service.pickupReceipt(PdfTemplateRendererTest.BY_AGENT)).startsWith("%PDF-".getBytes());
    }
}
