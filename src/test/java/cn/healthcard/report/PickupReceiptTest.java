package cn.healthcard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PickupReceiptTest {

    @Test
    @DisplayName("APP-12: an agent pick-up shows the agent, the relation and the agent's masked document")
    void byAgent() {
        assertThat(ReportRendererTest.BY_AGENT.toValues())
                .containsEntry("pickedUpAt", "2026年11月22日 14:05")
                .containsEntry("pickedUpBy", "代领：李四（配偶）")
                .containsEntry("agentDocumentMasked", "110101********1234");
    }

    @Test
    @DisplayName("APP-12: a pick-up in person shows 本人 and a dash for the agent's document")
    void bySelf() {
        PickupReceipt receipt = new PickupReceipt("APP-1", "H1", "张三", "男", "居民身份证", "110105********002X",
                "机构", "北京市东城区", LocalDateTime.of(2026, 1, 5, 9, 0), "张三", PickupReceipt.SELF, null, "王五");

        assertThat(receipt.toValues())
                .containsEntry("pickedUpAt", "2026年1月5日 09:00")
                .containsEntry("pickedUpBy", "本人：张三")
                .containsEntry("agentDocumentMasked", "—");
    }
}
