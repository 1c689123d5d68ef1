package cn.healthcard.supervision.ui;

import cn.healthcard.report.ChartSpec;
import com.vaadin.flow.component.html.Div;

import java.util.function.BiConsumer;

/** Placeholder for the ECharts component of feat-chart; removed when that branch is merged. */
class PendingChart extends Div {

    private BiConsumer<Integer, Integer> clicks = (s, i) -> { };

    void setSpec(ChartSpec spec) {
        setText(spec.title() + " " + spec.categories());
    }

    void onClick(BiConsumer<Integer, Integer> listener) {
        clicks = listener;
    }

    void click(int series, int index) {
        clicks.accept(series, index);
    }
}
