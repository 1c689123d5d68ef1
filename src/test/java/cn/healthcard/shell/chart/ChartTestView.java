package cn.healthcard.shell.chart;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.report.ChartSpec.Kind;
import cn.healthcard.report.ChartSpec.SeriesSpec;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * A test-only screen (on the test classpath only) with one {@link EChart} in the main layout, for
 * {@code browser.ChartBrowserIT}: the last click is written into {@code #chart-clicked} as
 * {@code seriesIndex:dataIndex:category}; {@code #chart-pie} replaces the spec with a pie, {@code #chart-replace} the
 * chart with a new one (its element leaves the page).
 */
@Route(value = "test/chart", layout = MainLayout.class)
@PermitAll
public class ChartTestView extends VerticalLayout {

    /** Values no axis tick prints, so a tooltip's value is told apart from the axis. */
    public static final ChartSpec BARS = new ChartSpec(Kind.BAR, "各地区发卡情况", "张",
            List.of("北京市朝阳区", "北京市海淀区", "北京市东城区"),
            List.of(new SeriesSpec("申领", List.of(123, 87, 51)),
                    new SeriesSpec("申领" + ChartSpec.PREVIOUS_SUFFIX, List.of(97, 73, 29))));
    public static final ChartSpec PIE = new ChartSpec(Kind.PIE, "卡片状态", "张", List.of("正常", "挂失", "注销"),
            List.of(new SeriesSpec("卡片", List.of(811, 33, 17))));

    public ChartTestView() {
        setSizeFull();
        EChart chart = new EChart(BARS);
        chart.setId("test-chart");
        Span clicked = new Span("-");
        clicked.setId("chart-clicked");
        chart.addChartClickListener(click -> clicked.setText(click.seriesIndex() + ":" + click.dataIndex() + ":"
                + click.category()));
        Button pie = new Button("饼图", e -> chart.setSpec(PIE));
        pie.setId("chart-pie");
        Button replace = new Button("换一个图表", e -> {
            // as when another view replaces this one: the old chart's element leaves the page
            getChildren().filter(EChart.class::isInstance).findFirst().ifPresent(this::remove);
            EChart next = new EChart(BARS);
            next.setId("test-chart-2");
            addComponentAsFirst(next);
        });
        replace.setId("chart-replace");
        add(chart, clicked, pie, replace);
    }
}
