package cn.healthcard.shell.chart;

import cn.healthcard.report.ChartSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@link ChartSpec} as an ECharts option, written as JSON on the server (decision 035). The option is data only: no
 * function and no formatter, and tooltips in {@code richText} mode, so no name of a region or institution ever becomes
 * HTML in the browser; texts are escaped as JSON strings by Jackson and handed to the browser as one parameter.
 */
final class EChartOptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More categories than this get slanted axis labels. */
    private static final int SLANT_FROM = 8;

    private EChartOptions() {
    }

    /** The option for {@code chart.setOption(JSON.parse(json), true)}. */
    static String json(ChartSpec spec) {
        try {
            return JSON.writeValueAsString(option(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The chart's option cannot be written as JSON", e);
        }
    }

    static ObjectNode option(ChartSpec spec) {
        ObjectNode option = JSON.createObjectNode();
        option.put("animationDuration", 300);
        option.putObject("aria").put("enabled", true);
        ObjectNode title = option.putObject("title").put("text", text(spec.title())).put("left", "center");
        title.putObject("textStyle").put("fontSize", 14);
        ObjectNode tooltip = option.putObject("tooltip")
                .put("renderMode", "richText")
                .put("confine", true);
        ObjectNode legend = option.putObject("legend").put("bottom", 0).put("type", "scroll");
        if (spec.kind() == ChartSpec.Kind.PIE) {
            tooltip.put("trigger", "item");
            pie(spec, option, legend);
        } else {
            tooltip.put("trigger", "axis");
            tooltip.putObject("axisPointer").put("type", spec.kind() == ChartSpec.Kind.LINE ? "line" : "shadow");
            axes(spec, option, legend);
        }
        return option;
    }

    private static void pie(ChartSpec spec, ObjectNode option, ObjectNode legend) {
        ArrayNode legendData = legend.putArray("data");
        ArrayNode series = option.putArray("series");
        ObjectNode pie = series.addObject().put("type", "pie")
                .put("name", spec.series().isEmpty() ? text(spec.title()) : text(spec.series().get(0).name()));
        pie.putArray("radius").add("35%").add("62%");
        pie.putArray("center").add("50%").add("52%");
        pie.put("avoidLabelOverlap", true);
        pie.putObject("label").put("show", true);
        // the slices take the palette in order (a pie's colours are per category, not per series)
        ArrayNode colours = option.putArray("color");
        ChartSpec.PALETTE.forEach(colours::add);
        ArrayNode data = pie.putArray("data");
        List<Number> values = spec.series().isEmpty() ? List.of() : spec.series().get(0).values();
        for (int i = 0; i < spec.categories().size(); i++) {
            String name = text(spec.categories().get(i));
            legendData.add(name);
            ObjectNode slice = data.addObject().put("name", name);
            value(slice, "value", i < values.size() ? values.get(i) : null);
        }
    }

    private static void axes(ChartSpec spec, ObjectNode option, ObjectNode legend) {
        ObjectNode grid = option.putObject("grid").put("left", 16).put("right", 24).put("top", 48).put("bottom", 36)
                .put("containLabel", true);
        ObjectNode x = option.putObject("xAxis").put("type", "category");
        x.put("boundaryGap", spec.kind() != ChartSpec.Kind.LINE);
        ArrayNode categories = x.putArray("data");
        spec.categories().forEach(c -> categories.add(text(c)));
        ObjectNode labels = x.putObject("axisLabel").put("hideOverlap", true);
        if (spec.categories().size() > SLANT_FROM) {
            labels.put("rotate", 30);
            grid.put("bottom", 48);
        }
        ObjectNode y = option.putObject("yAxis").put("type", "value").put("minInterval", 1);
        if (!text(spec.unit()).isEmpty()) {
            y.put("name", spec.unit());
        }
        ArrayNode colours = option.putArray("color");
        for (int i = 0; i < spec.series().size(); i++) {
            colours.add(spec.colour(i));
        }
        ArrayNode legendData = legend.putArray("data");
        ArrayNode series = option.putArray("series");
        for (int s = 0; s < spec.series().size(); s++) {
            ChartSpec.SeriesSpec one = spec.series().get(s);
            legendData.add(text(one.name()));
            boolean line = spec.kind() == ChartSpec.Kind.LINE;
            ObjectNode node = series.addObject().put("type", line ? "line" : "bar").put("name", text(one.name()));
            if (one.comparison()) {
                // the previous period: dashed, paler, never stacked on the current one
                if (line) {
                    node.putObject("lineStyle").put("type", "dashed");
                } else {
                    node.putObject("itemStyle").put("opacity", 0.45).put("borderType", "dashed")
                            .put("borderWidth", 1).put("borderColor", spec.colour(s));
                }
            } else if (spec.kind() == ChartSpec.Kind.STACKED_BAR) {
                node.put("stack", "total");
            }
            if (line) {
                node.put("symbolSize", 7);
            } else {
                node.put("barMaxWidth", 48);
            }
            ArrayNode data = node.putArray("data");
            for (int i = 0; i < spec.categories().size(); i++) {
                Number value = i < one.values().size() ? one.values().get(i) : null;
                if (value == null || !finite(value)) {
                    data.addNull();
                } else {
                    data.add(decimal(value));
                }
            }
        }
    }

    private static void value(ObjectNode node, String field, Number value) {
        if (value == null || !finite(value)) {
            node.putNull(field);
        } else {
            node.put(field, decimal(value));
        }
    }

    private static boolean finite(Number value) {
        return !(value instanceof Double d && !Double.isFinite(d)) && !(value instanceof Float f && !Float.isFinite(f));
    }

    private static BigDecimal decimal(Number value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
