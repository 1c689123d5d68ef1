package cn.healthcard.supervision.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chart of thousands of institutions is cut to the 20 largest and 其他; the keys map clicks to the kept ones only. */
class TopCategoriesTest {

    @Test
    @DisplayName("SUP-01 SUP-04 a chart draws the top 20 by value and sums the rest as 其他, which maps to no row")
    void topTwentyAndOthers() {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            sums.put("I" + i, new long[] {i, 1});
            names.put("I" + i, "机构" + i);
        }
        var top = TopCategories.of(sums, 0, names, "其他");
        assertThat(top.keys()).hasSize(20).startsWith("I999", "I998").endsWith("I980");
        assertThat(top.labels()).hasSize(21).startsWith("机构999").endsWith("其他");
        long rest = 0;
        for (int i = 0; i < 980; i++) {
            rest += i;
        }
        assertThat(top.values(0).get(20)).isEqualTo(rest);
        assertThat(top.values(1).get(20)).isEqualTo(980L);

        var summed = TopCategories.of(Map.of("A", new long[] {1, 9}, "B", new long[] {5, 0}), -1, Map.of(), "其他");
        assertThat(summed.keys()).as("ranked by the sum of all values").containsExactly("A", "B");
        assertThat(summed.labels()).as("no 其他 when nothing is cut; the code when no name").containsExactly("A", "B");
        assertThat(List.copyOf(summed.values(1))).containsExactly(9L, 0L);
    }
}
