package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ReportServiceTest {

    @Test
    @DisplayName("APP-12: the report service prints the pick-up receipt without a Clock bean")
    void pickupReceipt() {
        ReportService service = new ReportService(new StaticListableBeanFactory().getBeanProvider(Clock.class));

        assertThat(service.pickupReceipt(ReportRendererTest.BY_AGENT)).startsWith("%PDF-".getBytes());
    }

    @Test
    @DisplayName("LC-01 LC-02 LC-03 LC-04 LC-06: the report service prints each lifecycle form from the template of its request type")
    void cardRequestForms() throws IOException {
        ReportService service = new ReportService(new StaticListableBeanFactory().getBeanProvider(Clock.class));

        assertThat(new PdfReader(service.cardRequestForm(CardRequestFormTest.LOSS_REPORT)).getInfo())
                .containsEntry("Title", "居民健康卡挂失申请单");
        assertThat(new PdfReader(service.cardRequestForm(CardRequestFormTest.UNLOSS)).getInfo())
                .containsEntry("Title", "居民健康卡解挂申请单");
        assertThat(new PdfReader(service.cardRequestForm(CardRequestFormTest.UNLOCK)).getInfo())
                .containsEntry("Title", "居民健康卡解锁申请单");
        assertThat(new PdfReader(service.cardRequestForm(CardRequestFormTest.REPLACEMENT)).getInfo())
                .containsEntry("Title", "居民健康卡补领申请单");
        assertThat(new PdfReader(service.cardRequestForm(CardRequestFormTest.CANCELLATION)).getInfo())
                .containsEntry("Title", "居民健康卡注销申请单");
    }
}
