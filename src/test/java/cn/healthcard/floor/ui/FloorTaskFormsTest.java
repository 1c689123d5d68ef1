package cn.healthcard.floor.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.form.FormDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The floor's task forms read what the form renderer delivers (PER-07, PER-08, PER-11). */
@DisplayName("PER-08 PER-11 the floor's forms: scrap lines, seal numbers, whole numbers")
class FloorTaskFormsTest {

    @Test
    @DisplayName("PER-08: one scrapped card per line (card number, reason) in the chosen category, plus modules by quantity")
    void scrapLines() {
        ScrapForm form = FloorTaskForms.scrap(FormValues.of(Map.of("scrapCategory", "PRINT_DEFECT",
                "scrappedCards", "T001 印刷偏移\n\n  T002，套色不准 \n", "moduleCount", new BigDecimal("3"),
                "moduleReason", "虚焊", "method", "粉碎", "place", "销毁室")));
        assertThat(form.entries()).containsExactly(
                new ScrapEntry(ScrapCategory.PRINT_DEFECT, "T001", 1, "印刷偏移"),
                new ScrapEntry(ScrapCategory.PRINT_DEFECT, "T002", 1, "套色不准"),
                new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 3, "虚焊"));
        assertThat(form.method()).isEqualTo("粉碎");
    }

    @Test
    @DisplayName("PER-11: seal numbers one per line; a count that is not a whole number is a 400 on its field")
    void numbers() {
        assertThat(FloorTaskForms.lines(" S-0001\r\nS-0002\n\n")).isEqualTo(List.of("S-0001", "S-0002"));
        assertThat(FloorTaskForms.integer(FormValues.of(Map.of("counted", new BigDecimal("9"))), "counted"))
                .isEqualTo(9);
        assertThatThrownBy(() -> FloorTaskForms.integer(FormValues.of(Map.of("counted", new BigDecimal("9.5"))),
                "counted")).isInstanceOf(DomainValidationException.class).hasMessageContaining("counted");
    }

    @Test
    @DisplayName("BPM-01: every form of the batch hand-over case loads")
    void formsLoad() {
        for (String key : List.of("floor-start", "floor-handover", "floor-scrap", "floor-destruction", "floor-count",
                "floor-signoff", "floor-seal", "floor-close")) {
            assertThat(FormDefinition.load(key).fields()).as(key).isNotEmpty();
        }
    }
}
