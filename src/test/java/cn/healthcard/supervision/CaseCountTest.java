package cn.healthcard.supervision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseCountTest {

    @Test
    @DisplayName("SUP-02: a capped count is exact up to 10,000 rows inclusive and capped from 10,001")
    void boundary() {
        assertThat(CaseCount.of(9_999)).isEqualTo(new CaseCount(9_999, false));
        assertThat(CaseCount.of(10_000)).isEqualTo(new CaseCount(10_000, false));
        assertThat(CaseCount.of(10_001)).isEqualTo(new CaseCount(10_000, true));
        assertThat(CaseCount.of(0)).isEqualTo(new CaseCount(0, false));
    }
}
