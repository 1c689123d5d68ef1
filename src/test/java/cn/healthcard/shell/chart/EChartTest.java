package cn.healthcard.shell.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.ChartSpec.Kind;
import cn.healthcard.report.ChartSpec.SeriesSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chart component's option and clicks (SUP-01…04, STAT-01, decision 035), without a browser. */
class EChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final ChartSpec REGIONS = new ChartSpec(Kind.BAR, "各地区发卡情况", "张",
            List.of("北京市朝阳区", "</script><img src=x onerror=alert(1)>", "北京市\"东城\"区"),
            List.of(new SeriesSpec("申领", List.of(120, 80, 45)),
                    new SeriesSpec("申领" + ChartSpec.PREVIOUS_SUFFIX, Arrays.asList(90, null, Double.NaN))));

    @Test
    @DisplayName("SUP-01 SUP-02: the option is data only — richText tooltips, no formatter or function, every name a "
            + "JSON string as given (markup included, as text), nulls and NaN as empty points")
    void optionIsDataOnly() throws Exception {
        String json = EChartOptions.json(REGIONS);
        JsonNode option = JSON.readTree(json);
        assertThat(option.at("/tooltip/renderMode").asText()).isEqualTo("richText");
        assertThat(option.at("/tooltip/trigger").asText()).isEqualTo("axis");
        assertThat(json).doesNotContain("formatter", "function", "=>", "rich\":");
        assertThat(option.at("/xAxis/data/1").asText()).isEqualTo("</script><img src=x onerror=alert(1)>");
        assertThat(option.at("/xAxis/data/2").asText()).isEqualTo("北京市\"东城\"区");
        assertThat(json).contains("北京市\\\"东城\\\"区");
        assertThat(option.at("/yAxis/name").asText()).isEqualTo("张");
        assertThat(option.at("/series/0/type").asText()).isEqualTo("bar");
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[120,80,45]");
        assertThat(option.at("/series/1/data").toString()).isEqualTo("[90,null,null]");
        assertThat(option.at("/title/text").asText()).isEqualTo("各地区发卡情况");
    }

    @Test
    @DisplayName("SUP-02: the comparison (previous period) is dashed in the colour of the series it compares with; "
            + "a stacked bar stacks only the current series")
    void comparisonDashed() throws Exception {
        JsonNode bar = JSON.readTree(EChartOptions.json(REGIONS));
        assertThat(bar.at("/color/0").asText()).isEqualTo(ChartSpec.PALETTE.get(0));
        assertThat(bar.at("/color/1").asText()).isEqualTo(ChartSpec.PALETTE.get(0));
        assertThat(bar.at("/series/1/itemStyle/borderType").asText()).isEqualTo("dashed");

        ChartSpec days = new ChartSpec(Kind.LINE, "每日申领量", "件", List.of("12-01", "12-02"), List.of(
                new SeriesSpec("申领", List.of(5, 7)), new SeriesSpec("发放", List.of(3, 4)),
                new SeriesSpec("发放" + ChartSpec.PREVIOUS_SUFFIX, List.of(2, 6))));
        JsonNode line = JSON.readTree(EChartOptions.json(days));
        assertThat(line.at("/series/2/type").asText()).isEqualTo("line");
        assertThat(line.at("/series/2/lineStyle/type").asText()).isEqualTo("dashed");
        assertThat(line.at("/series/0/lineStyle").isMissingNode()).isTrue();
        assertThat(line.at("/color/2").asText()).isEqualTo(ChartSpec.PALETTE.get(1));

        ChartSpec stacked = new ChartSpec(Kind.STACKED_BAR, "制卡进度", "张", List.of("甲"), List.of(
                new SeriesSpec("成功", List.of(9)), new SeriesSpec("失败", List.of(1)),
                new SeriesSpec("成功" + ChartSpec.PREVIOUS_SUFFIX, List.of(7))));
        JsonNode stack = JSON.readTree(EChartOptions.json(stacked));
        assertThat(stack.at("/series/0/stack").asText()).isEqualTo("total");
        assertThat(stack.at("/series/1/stack").asText()).isEqualTo("total");
        assertThat(stack.at("/series/2/stack").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("STAT-01: a pie has one series of named slices (item tooltip) in the palette's order")
    void pie() throws Exception {
        ChartSpec status = new ChartSpec(Kind.PIE, "卡片状态", "张", List.of("正常", "挂失"),
                List.of(new SeriesSpec("卡片", List.of(800, 30))));
        JsonNode option = JSON.readTree(EChartOptions.json(status));
        assertThat(option.at("/tooltip/trigger").asText()).isEqualTo("item");
        assertThat(option.at("/series").size()).isEqualTo(1);
        assertThat(option.at("/series/0/data").toString())
                .isEqualTo("[{\"name\":\"正常\",\"value\":800},{\"name\":\"挂失\",\"value\":30}]");
        assertThat(option.at("/color/0").asText()).isEqualTo(ChartSpec.PALETTE.get(0));
    }

    @Test
    @DisplayName("SUP-02: a click with the indexes of the spec shown fires ChartClickEvent with its category and "
            + "series; forged, stale or malformed indexes (out of range, negative, fractions, texts, missing) fire "
            + "nothing")
    void clicks() {
        EChart chart = new EChart(REGIONS);
        List<ChartClickEvent> clicks = new ArrayList<>();
        chart.addChartClickListener(clicks::add);

        click(chart, data -> {
            data.put(EChart.SERIES_INDEX, 0);
            data.put(EChart.DATA_INDEX, 2);
        });
        assertThat(clicks).hasSize(1);
        assertThat(clicks.get(0).dataIndex()).isEqualTo(2);
        assertThat(clicks.get(0).category()).isEqualTo("北京市\"东城\"区");
        assertThat(clicks.get(0).seriesName()).isEqualTo("申领");
        assertThat(clicks.get(0).previousPeriod()).isFalse();
        assertThat(clicks.get(0).isFromClient()).isTrue();
        click(chart, data -> {
            data.put(EChart.SERIES_INDEX, 1);
            data.put(EChart.DATA_INDEX, 0);
        });
        assertThat(clicks).hasSize(2);
        assertThat(clicks.get(1).previousPeriod()).isTrue();

        List<Consumer<JsonObject>> forged = List.of(
                data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, 3); },
                data -> { data.put(EChart.SERIES_INDEX, 2); data.put(EChart.DATA_INDEX, 0); },
                data -> { data.put(EChart.SERIES_INDEX, -1); data.put(EChart.DATA_INDEX, 0); },
                data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, 1.5); },
                data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, 1e12); },
                data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, "1"); },
                data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, Json.createNull()); },
                data -> data.put(EChart.SERIES_INDEX, 0),
                data -> { });
        forged.forEach(f -> click(chart, f));
        assertThat(clicks).hasSize(2);

        // a click meant for the previous spec is checked against the one shown now
        chart.setSpec(new ChartSpec(Kind.BAR, "少", "张", List.of("甲"), List.of(new SeriesSpec("申领", List.of(1)))));
        click(chart, data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, 2); });
        assertThat(clicks).hasSize(2);

        // a chart without a spec yet ignores clicks
        EChart empty = new EChart();
        empty.addChartClickListener(clicks::add);
        click(empty, data -> { data.put(EChart.SERIES_INDEX, 0); data.put(EChart.DATA_INDEX, 0); });
        assertThat(clicks).hasSize(2);
    }

    @Test
    @DisplayName("SUP-01: ECharts' own texts follow the UI language: ZH for Chinese, EN otherwise; the bundle is a "
            + "context:// script (never Vite's); full width, 360 px high by default; a null spec is refused")
    void localeAndDefaults() {
        assertThat(EChart.echartsLocale(Locale.SIMPLIFIED_CHINESE)).isEqualTo("ZH");
        assertThat(EChart.echartsLocale(Locale.forLanguageTag("zh-TW"))).isEqualTo("ZH");
        assertThat(EChart.echartsLocale(Locale.ENGLISH)).isEqualTo("EN");
        assertThat(EChart.echartsLocale(Locale.GERMANY)).isEqualTo("EN");
        assertThat(EChart.echartsLocale(null)).isEqualTo("EN");
        assertThat(EChart.SCRIPT).isEqualTo("context://vendor/echarts/echarts.min.js");
        EChart chart = new EChart();
        assertThat(chart.getWidth()).isEqualTo("100%");
        assertThat(chart.getHeight()).isEqualTo("360px");
        assertThat(chart.getSpec()).isNull();
        assertThatThrownBy(() -> chart.setSpec(null)).isInstanceOf(NullPointerException.class);
    }

    private static void click(EChart chart, Consumer<JsonObject> detail) {
        JsonObject data = Json.createObject();
        detail.accept(data);
        chart.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(chart.getElement(), EChart.CLICK_EVENT, data));
    }
}
