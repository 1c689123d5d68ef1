package cn.healthcard.shell.chart;

import cn.healthcard.report.ChartSpec;
import com.vaadin.flow.component.ComponentEvent;

/**
 * A click on a bar, a line's point or a pie's slice of an {@link EChart}: which series and which category (the index
 * into {@link ChartSpec#categories()}). Only indexes come from the browser, and only indexes of the spec shown are
 * passed on (others are dropped); the view maps them to its own rows, so a click never carries a filter value.
 */
public class ChartClickEvent extends ComponentEvent<EChart> {

    private final ChartSpec spec;
    private final int seriesIndex;
    private final int dataIndex;

    ChartClickEvent(EChart source, boolean fromClient, ChartSpec spec, int seriesIndex, int dataIndex) {
        super(source, fromClient);
        this.spec = spec;
        this.seriesIndex = seriesIndex;
        this.dataIndex = dataIndex;
    }

    /** The index of the clicked series in {@link ChartSpec#series()} (always 0 for a pie). */
    public int seriesIndex() {
        return seriesIndex;
    }

    /** The index of the clicked category (bar, point, slice) in {@link ChartSpec#categories()}. */
    public int dataIndex() {
        return dataIndex;
    }

    /** The spec the chart showed when it was clicked. */
    public ChartSpec spec() {
        return spec;
    }

    /** The clicked category's label, as the spec has it. */
    public String category() {
        return spec.categories().get(dataIndex);
    }

    /** The clicked series' name, as the spec has it. */
    public String seriesName() {
        return spec.series().get(seriesIndex).name();
    }

    /** Whether the click was on the comparison series (the previous period). */
    public boolean previousPeriod() {
        return spec.series().get(seriesIndex).comparison();
    }
}
