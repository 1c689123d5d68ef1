package cn.healthcard.supervision.ui;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.common.RegionCode;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The drill-down address read back: every value checked again, since it may have been edited by hand. */
class CaseQueryTest {

    private static final CurrentUser HEFEI = new CurrentUser("hfsup", "合肥监管", "C340100", RegionCode.of("340100"),
            Set.of(Role.SUPERVISOR));

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return map;
    }

    @Test
    @DisplayName("SUP-02 a link made by the issuing chart reads back into the same measure and filter")
    void roundTrip() {
        var shown = new StatisticsFilter(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                cn.healthcard.supervision.Granularity.WEEK, null, null, null, null, true);
        var link = CaseLink.of(Measure.SIGNED).region("340102").institution("ST-340102");
        CaseQuery query = CaseQuery.parse(link.query(shown).getParameters(), HEFEI);
        assertThat(query.errors()).isEmpty();
        assertThat(query.measure()).isEqualTo(Measure.SIGNED);
        assertThat(query.filter()).isEqualTo(new StatisticsFilter(LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31), cn.healthcard.supervision.Granularity.DAY, "340102", "ST-340102", null,
                null, false));
    }

    @Test
    @DisplayName("ORG-05 SUP-02 a hand-edited address naming another city or another province is refused before any query")
    void regionOutsideScope() {
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "340200"), HEFEI).errors())
                .containsExactly("supervision.cases.badRegion");
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "370000"), HEFEI).errors())
                .containsExactly("supervision.cases.badRegion");
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "000000"), HEFEI).errors())
                .as("the nation is above a city supervisor").containsExactly("supervision.cases.badRegion");
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "34010"), HEFEI).errors())
                .containsExactly("supervision.cases.badRegion");
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "340100' OR '1'='1"), HEFEI).errors())
                .containsExactly("supervision.cases.badRegion");
        assertThat(CaseQuery.parse(params("measure", "APPLIED", "region", "340102"), HEFEI).valid()).isTrue();
    }

    @Test
    @DisplayName("SUP-02 unknown measures, bad or reversed dates, ranges over 366 days are refused")
    void badValues() {
        assertThat(CaseQuery.parse(params(), HEFEI).errors()).containsExactly("supervision.cases.badMeasure");
        assertThat(CaseQuery.parse(params("measure", "applied"), HEFEI).errors())
                .containsExactly("supervision.cases.badMeasure");
        assertThat(CaseQuery.parse(params("measure", "DROP TABLE"), HEFEI).errors())
                .containsExactly("supervision.cases.badMeasure");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "2026-13-01"), HEFEI).errors())
                .containsExactly("supervision.cases.badDate.from");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "2026-10-01T00:00"), HEFEI).errors())
                .containsExactly("supervision.cases.badDate.from");
        assertThat(CaseQuery.parse(params("measure", "MADE", "to", "31.10.2026"), HEFEI).errors())
                .as("the end date is named as the end date").containsExactly("supervision.cases.badDate.to");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "x", "to", "y"), HEFEI).errors())
                .containsExactly("supervision.cases.badDate.from", "supervision.cases.badDate.to");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "2026-10-31", "to", "2026-10-01"), HEFEI)
                .errors()).containsExactly("supervision.cases.badRange");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "2025-10-01", "to", "2026-10-02"), HEFEI)
                .errors()).as("367 days").containsExactly("supervision.cases.badRange");
        assertThat(CaseQuery.parse(params("measure", "MADE", "from", "2025-10-02", "to", "2026-10-02"), HEFEI)
                .valid()).as("366 days").isTrue();
    }

    @Test
    @DisplayName("SUP-01 SUP-03 overlong or scripted codes are refused, each naming its own field")
    void codes() {
        assertThat(CaseQuery.parse(params("measure", "MADE", "institution", "<script>"), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.institution");
        assertThat(CaseQuery.parse(params("measure", "MADE", "institution", "I".repeat(33)), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.institution");
        assertThat(CaseQuery.parse(params("measure", "CARD_USES", "scenario", "pharmacy"), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.scenario");
        var ok = CaseQuery.parse(params("measure", "CARD_USES", "scenario", "PHARMACY"), HEFEI);
        assertThat(ok.valid()).isTrue();
        assertThat(ok.filter().scenario()).isEqualTo("PHARMACY");
    }

    @Test
    @DisplayName("SUP-01 SUP-03 SUP-04 a maker's, a stage's and an institution's bar read back into their lists; forged values refused")
    void makerAndStage() {
        var shown = new StatisticsFilter(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                cn.healthcard.supervision.Granularity.DAY, null, null, null, null, false);
        var made = CaseQuery.parse(CaseLink.of(Measure.MADE).maker("ST-MK1").query(shown).getParameters(), HEFEI);
        assertThat(made.valid()).isTrue();
        assertThat(made.filter().makerCode()).isEqualTo("ST-MK1");
        var uses = CaseQuery.parse(CaseLink.of(Measure.CARD_USES).scenario("PHARMACY").query(shown).getParameters(),
                HEFEI);
        assertThat(uses.filter().scenario()).isEqualTo("PHARMACY");
        var handled = CaseQuery.parse(CaseLink.of(Measure.HANDLED).region("340102").institution("ST-340102")
                .query(shown).getParameters(), HEFEI);
        assertThat(handled.measure()).isEqualTo(Measure.HANDLED);
        assertThat(handled.filter().institutionCode()).isEqualTo("ST-340102");
        assertThat(CaseQuery.parse(params("measure", "MADE", "maker", "M1' OR '1'='1"), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.maker");
        assertThat(CaseQuery.parse(params("measure", "MADE", "maker", "M".repeat(33)), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.maker");
        assertThat(CaseQuery.parse(params("measure", "CARD_USES", "scenario", "REG;DROP"), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.scenario");
    }

    @Test
    @DisplayName("STAT-01 a SAM slice and a request-type slice read back into their lists; a forged request type refused")
    void slices() {
        var shown = new StatisticsFilter(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                cn.healthcard.supervision.Granularity.DAY, null, null, null, null, false);
        var sam = CaseQuery.parse(CaseLink.of(Measure.SAM_STATE).status("FROZEN").query(shown).getParameters(), HEFEI);
        assertThat(sam.valid()).isTrue();
        assertThat(sam.measure()).isEqualTo(Measure.SAM_STATE);
        assertThat(sam.filter().status()).isEqualTo("FROZEN");
        var requests = CaseQuery.parse(CaseLink.of(Measure.CARD_REQUESTS).requestType("LOSS_REPORT").query(shown)
                .getParameters(), HEFEI);
        assertThat(requests.filter().requestType()).isEqualTo("LOSS_REPORT");
        assertThat(requests.filter().from()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(CaseQuery.parse(params("measure", "CARD_REQUESTS", "requestType", "LOSS'--"), HEFEI).errors())
                .containsExactly("supervision.cases.badCode.requestType");
    }

    @Test
    @DisplayName("SUP-02 every refusal of the address has a Chinese message naming its field, and an English one")
    void messagesPerField() throws Exception {
        var zh = new java.util.Properties();
        var en = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(getClass().getResourceAsStream("/messages.properties"),
                java.nio.charset.StandardCharsets.UTF_8);
             var inEn = new java.io.InputStreamReader(getClass().getResourceAsStream("/messages_en.properties"),
                     java.nio.charset.StandardCharsets.UTF_8)) {
            zh.load(in);
            en.load(inEn);
        }
        Map<String, String> labels = Map.of("supervision.cases.badDate.from", "开始日期",
                "supervision.cases.badDate.to", "结束日期", "supervision.cases.badCode.institution", "机构代码",
                "supervision.cases.badCode.maker", "制卡机构", "supervision.cases.badCode.scenario", "环节");
        labels.forEach((key, label) -> {
            assertThat(zh.getProperty(key)).as(key).contains("「" + label + "」");
            assertThat(en.getProperty(key)).as(key).isNotBlank().doesNotContainPattern("\\p{IsHan}");
        });
        assertThat(new cn.healthcard.supervision.RegionOutOfScopeException().getMessage())
                .isEqualTo("「地区」不在本人管辖范围内");
    }
}
