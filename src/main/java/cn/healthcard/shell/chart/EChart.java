package cn.healthcard.shell.chart;

import cn.healthcard.report.ChartSpec;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.shared.Registration;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import elemental.json.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * An interactive chart (decision 035): a {@link ChartSpec} drawn in the browser by Apache ECharts. Hovering shows the
 * values (a tooltip in text mode); clicking a bar, point or slice fires a {@link ChartClickEvent} with the series and
 * category index. The option is written on the server ({@link EChartOptions}: data only, no functions, no HTML) and
 * passed as one string; the browser parses it as JSON.
 * <p>
 * The pinned ECharts bundle is loaded as a classic script from {@value #SCRIPT} (behind the login, cached), once per
 * page, never by Vaadin's frontend build. The chart follows its element's size (a {@code ResizeObserver}); 100 % wide
 * and 360 px high unless set otherwise. ECharts' own texts are Chinese when the UI's locale is Chinese, else English.
 * <pre>{@code
 * EChart chart = new EChart();
 * chart.setSpec(new ChartSpec(ChartSpec.Kind.BAR, "各地区发卡量", "张", regions, List.of(new SeriesSpec("发卡", counts))));
 * chart.addChartClickListener(click -> open(rows.get(click.dataIndex())));
 * }</pre>
 */
@Tag("div")
public class EChart extends Component implements HasSize {

    /** The pinned bundle as the jar serves it (pom: resource {@code tools/echarts/…/dist/echarts.min.js}). */
    public static final String SCRIPT = "context://vendor/echarts/echarts.min.js";
    /** The DOM event the browser side dispatches on a click. */
    static final String CLICK_EVENT = "chart-click";
    static final String SERIES_INDEX = "event.detail.seriesIndex";
    static final String DATA_INDEX = "event.detail.dataIndex";

    /**
     * Draws {@code $0} (the option as JSON) with the locale {@code $1}: waits for the bundle (at most 30 s), creates
     * the chart once per element (click and resize wired then), and replaces the option on every call.
     */
    private static final String DRAW = """
            const el = this, option = JSON.parse($0), locale = $1;
            const draw = (tries) => {
              if (!window.echarts) {
                if (tries < 600) { setTimeout(() => draw(tries + 1), 50); }
                return;
              }
              let chart = window.echarts.getInstanceByDom(el);
              if (!chart || el.__hcLocale !== locale) {
                if (chart) { chart.dispose(); }
                chart = window.echarts.init(el, null, {locale: locale});
                el.__hcLocale = locale;
                chart.on('click', (p) => {
                  if (p.componentType !== 'series') { return; }
                  el.dispatchEvent(new CustomEvent('chart-click',
                      {detail: {seriesIndex: p.seriesIndex, dataIndex: p.dataIndex}}));
                });
                if (!el.__hcResize && window.ResizeObserver) {
                  el.__hcResize = new ResizeObserver(() => {
                    const current = window.echarts.getInstanceByDom(el);
                    if (current) { current.resize(); }
                  });
                  el.__hcResize.observe(el);
                }
              }
              chart.setOption(option, true);
              el.setAttribute('data-chart-ready', String((Number(el.getAttribute('data-chart-ready')) || 0) + 1));
            };
            draw(0);
            """;

    private ChartSpec spec;
    private String option;

    public EChart() {
        setWidthFull();
        setHeight("360px");
        getElement().getClassList().add("hc-echart");
        getElement().addEventListener(CLICK_EVENT, this::clicked)
                .addEventData(SERIES_INDEX)
                .addEventData(DATA_INDEX);
    }

    public EChart(ChartSpec spec) {
        this();
        setSpec(spec);
    }

    /** Shows this spec (replacing the one shown), now if attached, else when attached. */
    public void setSpec(ChartSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.option = EChartOptions.json(spec);
        if (isAttached()) {
            draw();
        }
    }

    /** The spec shown, or {@code null} before the first {@link #setSpec}. */
    public ChartSpec getSpec() {
        return spec;
    }

    /** Listens to clicks on the chart's bars, points or slices. */
    public Registration addChartClickListener(ComponentEventListener<ChartClickEvent> listener) {
        return addListener(ChartClickEvent.class, listener);
    }

    /** The ECharts locale for a UI locale: {@code ZH} for Chinese, {@code EN} otherwise. */
    static String echartsLocale(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? "ZH" : "EN";
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        attachEvent.getUI().getPage().addJavaScript(SCRIPT);
        if (option != null) {
            draw();
        }
    }

    private void draw() {
        getElement().executeJs(DRAW, option, echartsLocale(getLocale()));
    }

    /** A click from the browser: passed on only with indexes of the spec shown (a forged or stale one is dropped). */
    private void clicked(DomEvent event) {
        if (spec == null) {
            return;
        }
        int series = index(event.getEventData(), SERIES_INDEX);
        int data = index(event.getEventData(), DATA_INDEX);
        int seriesCount = spec.kind() == ChartSpec.Kind.PIE ? Math.min(1, spec.series().size()) : spec.series().size();
        if (series < 0 || series >= seriesCount || data < 0 || data >= spec.categories().size()) {
            return;
        }
        fireEvent(new ChartClickEvent(this, true, spec, series, data));
    }

    /** A whole, non-negative number below 2^31 from the event's data, else -1. */
    private static int index(JsonObject data, String key) {
        if (data == null || !data.hasKey(key)) {
            return -1;
        }
        JsonValue value = data.get(key);
        if (value == null || value.getType() != JsonType.NUMBER) {
            return -1;
        }
        double number = value.asNumber();
        if (number != Math.rint(number) || number < 0 || number > Integer.MAX_VALUE) {
            return -1;
        }
        return (int) number;
    }
}
