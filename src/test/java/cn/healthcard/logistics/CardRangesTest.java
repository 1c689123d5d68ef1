package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class CardRangesTest {

    @Test
    @DisplayName("APP-09 card numbers as consecutive ranges; cut to the record's length, the suffix says how many ranges are left out and how many there are")
    void rangesAndCut() {
        assertThat(CardRanges.of(List.of("110000000000000003", "110000000000000001", "110000000000000002",
                "110000000000000005"))).isEqualTo("110000000000000001-110000000000000003, 110000000000000005");
        List<String> every2nd = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            every2nd.add("1100000000000" + String.format("%05d", i * 2));
        }
        String cut = CardRanges.of(every2nd, 300);
        assertThat(cut.length()).isLessThanOrEqualTo(300);
        int shown = cut.substring(0, cut.indexOf(" …")).split(", ").length;
        assertThat(cut).endsWith(" …另 " + (100 - shown) + " 段（共 100 段）");
    }

    @Test
    @DisplayName("SAM-02 SAM numbers (letters, then a serial) as consecutive ranges too; another prefix starts a new range")
    void samRanges() {
        assertThat(CardRanges.of(List.of("SB39FFAD5F5B680002", "SB39FFAD5F5B680001", "SB39FFAD5F5B680003",
                "SB39FFAD5F5B680005", "SB40FFAD5F5B680006", "SB39FFAD5F5B680009", "SB39FFAD5F5B680010")))
                .isEqualTo("SB39FFAD5F5B680001-SB39FFAD5F5B680003, SB39FFAD5F5B680005, "
                        + "SB39FFAD5F5B680009-SB39FFAD5F5B680010, SB40FFAD5F5B680006");
    }
}
