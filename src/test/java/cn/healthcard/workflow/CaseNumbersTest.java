package cn.healthcard.workflow;

import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.lifecycle.CardRequestService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one case-number format: prefix, region (if any), China date, serial wrapped to its digits. */
class CaseNumbersTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Test
    @DisplayName("APP-01 LC-08 application and request numbers: prefix + region + date + 6-digit serial")
    void regional() {
        assertThat(CaseNumbers.format(CardApplicationService.NUMBER, "110105", DAY, 123))
                .isEqualTo("SQ11010520261122000123");
        assertThat(CaseNumbers.format(CardRequestService.NUMBER, "110105", DAY, 1_000_007))
                .isEqualTo("RQ11010520261122000007");
    }

    @Test
    @DisplayName("a case without a region (key ceremony): prefix + date + serial")
    void withoutRegion() {
        var ceremony = new CaseNumbers.Format("KC", "key_ceremony_no_seq", 4);

        assertThat(CaseNumbers.format(ceremony, "", DAY, 12_345)).isEqualTo("KC202611222345");
        assertThat(CaseNumbers.format(ceremony, null, DAY, 7)).isEqualTo("KC202611220007");
    }

    @Test
    @DisplayName("a format needs two capital letters, a sequence and 1–9 digits")
    void badFormat() {
        assertThatThrownBy(() -> new CaseNumbers.Format("sq", "s", 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseNumbers.Format("SQ", null, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseNumbers.Format("SQ", "s", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
