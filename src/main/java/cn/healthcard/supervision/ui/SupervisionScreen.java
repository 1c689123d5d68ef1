package cn.healthcard.supervision.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable.Region;
import cn.healthcard.report.ChartSpec;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.shell.chart.EChart;
import cn.healthcard.supervision.Granularity;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.RegionOutOfScopeException;
import cn.healthcard.supervision.Series;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportBar;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every supervision screen (SUP-01..04, STAT-01) shares: a filter bar (China dates, period, a region inside the
 * caller's scope, the comparison toggle), the chart of the rows on top, optionally the time series of one measure
 * with the previous period, the table behind the chart below, and the slot of the export bar. A refresh makes one
 * service call for the rows (and one for the series). A click on the chart is mapped by the screen to <em>its own</em>
 * row keys and opens the case list ({@link SupervisionCasesView}); every bar of a row has a list (decision 039), only
 * the 其他 ("others") bar of a cut chart opens none. The browser never sends a filter value.
 *
 * @param <R> the row type of the screen's table
 */
abstract class SupervisionScreen<R> extends VerticalLayout implements HasDynamicTitle {

    protected final SupervisionStatistics statistics;
    protected final CurrentUser user = SecurityContextUsers.require();
    /** The code fields by the filter field a refusal names ({@code institutionCode}, {@code makerCode}). */
    private final Map<String, HasValidation> codeFields = new HashMap<>();
    protected final DatePicker from = ChineseTexts.datePicker(getLocale());
    protected final DatePicker to = ChineseTexts.datePicker(getLocale());
    protected final Select<Granularity> granularity = new Select<>();
    protected final ComboBox<Region> region = new ComboBox<>();
    protected final Checkbox compare = new Checkbox();
    /** One institution (desk, medical institution); on the bar of the screens that narrow by it. */
    protected final TextField institution = codeField("supervision.institution", "sup-institution", "institutionCode");
    protected final HorizontalLayout filters = new HorizontalLayout();
    protected final EChart chart = new EChart();
    protected final EChart seriesChart = new EChart();
    protected final Grid<R> grid = new Grid<>();
    /** Where the export bar (CSV, Excel, PDF of the table and the chart shown) is placed. */
    protected final Div exportSlot = new Div();
    private final String titleKey;
    private List<R> rows = List.of();
    private ChartSpec spec;
    private StatisticsFilter shown;

    protected SupervisionScreen(SupervisionStatistics statistics, SupervisionExports exports, ExportScreen screen,
                                String titleKey, String idPrefix) {
        this.statistics = statistics;
        this.titleKey = titleKey;
        setSizeFull();
        add(new H2(getTranslation(titleKey)));

        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        from.setLabel(getTranslation("supervision.from"));
        from.setId("sup-from");
        from.setValue(today.withDayOfMonth(1));
        to.setLabel(getTranslation("supervision.to"));
        to.setId("sup-to");
        to.setValue(today);
        granularity.setLabel(getTranslation("supervision.granularity"));
        granularity.setItems(Granularity.values());
        granularity.setItemLabelGenerator(g -> getTranslation("supervision.granularity." + g.name()));
        granularity.setValue(Granularity.DAY);
        granularity.setId("sup-granularity");
        region.setLabel(getTranslation("supervision.region"));
        region.setItems(regionsInScope(user));
        region.setItemLabelGenerator(r -> r.code() + " " + r.name());
        region.setPlaceholder(getTranslation("supervision.region.own"));
        region.setClearButtonVisible(true);
        region.setId("sup-region");
        region.setWidth("16em");
        compare.setLabel(getTranslation("supervision.compare"));
        compare.setId("sup-compare");
        var run = new Button(getTranslation("supervision.run"), e -> refresh());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("sup-run");
        filters.add(from, to, granularity, region, compare, run);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        exportSlot.setId("export-slot");
        exportSlot.add(new ExportBar(exports, screen, this::shownFilter, this::chartSpec));
        add(filters, exportSlot);

        chart.setId(idPrefix + "-chart");
        chart.setWidthFull();
        chart.setHeight("340px");
        chart.addChartClickListener(e -> chartClicked(e.seriesIndex(), e.dataIndex()));
        seriesChart.setId(idPrefix + "-series");
        seriesChart.setWidthFull();
        seriesChart.setHeight("260px");
        seriesChart.setVisible(seriesMeasure() != null);
        add(chart, seriesChart);

        grid.setId(idPrefix + "-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setWidthFull();
        grid.setMinHeight("280px");
        add(grid);
        setFlexGrow(1, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey);
    }

    /** Adds a screen's own fields (institution, maker, stage …) to the filter bar, before the comparison toggle. */
    protected final void addFilters(Component... fields) {
        int at = filters.indexOf(compare);
        for (Component field : fields) {
            filters.addComponentAtIndex(at++, field);
        }
    }

    /** The filter a screen's own fields add to the common one. */
    protected StatisticsFilter narrow(StatisticsFilter filter) {
        return filter;
    }

    protected abstract List<R> load(StatisticsFilter filter);

    protected abstract ChartSpec chartOf(List<R> rows);

    /**
     * The chart of the rows loaded for {@code filter}; a screen overrides this one when the chart needs more of the
     * service than the rows. Called after every other service call of the refresh has succeeded, so a screen may set
     * its click mapping at its end: a refusal earlier leaves the old chart with its old mapping.
     */
    protected ChartSpec chartOf(List<R> rows, StatisticsFilter filter) {
        return chartOf(rows);
    }

    /** Where a click on the chart's series {@code series}, category {@code index} leads, if anywhere. */
    protected abstract Optional<CaseLink> drill(int series, int index);

    /** The measure whose time series is drawn under the chart, or {@code null} for none. */
    protected Measure seriesMeasure() {
        return null;
    }

    /** Loads the rows, the chart and the series for the filter bar's values. */
    protected final void refresh() {
        StatisticsFilter filter = currentFilter();
        clearInvalid();
        try {
            List<R> loaded = load(filter);
            Measure measure = seriesMeasure();
            List<Series> series = measure == null ? List.of() : statistics.series(measure, filter);
            ChartSpec drawn = chartOf(loaded, filter); // last: it sets the screen's click mapping
            rows = loaded;
            spec = drawn;
            shown = filter;
            grid.setItems(loaded);
            chart.setSpec(drawn);
            if (measure != null) {
                seriesChart.setSpec(lineOf(measure, series));
            }
        } catch (DomainValidationException e) {
            e.violations().forEach(v -> fieldOf(v.field()).ifPresent(field -> {
                field.setErrorMessage(v.message());
                field.setInvalid(true);
            }));
            ScreenNotices.error(String.join("；", e.violations().stream().map(FieldViolation::message).toList()));
        } catch (AccessDeniedException e) {
            if (e instanceof RegionOutOfScopeException) {
                region.setErrorMessage(e.getMessage());
                region.setInvalid(true);
            }
            ScreenNotices.error(e.getMessage());
        }
    }

    /** The filter bar's field a service refusal names ({@code from}, {@code to}, {@code regionCode} …), if shown. */
    private Optional<HasValidation> fieldOf(String name) {
        HasValidation field = switch (name == null ? "" : name) {
            case "from" -> from;
            case "to", "range" -> to;
            case "granularity" -> granularity;
            case RegionOutOfScopeException.FIELD -> region;
            default -> codeFields.get(name);
        };
        return Optional.ofNullable(field);
    }

    private void clearInvalid() {
        List<HasValidation> fields = new ArrayList<>(List.of(from, to, granularity, region));
        fields.addAll(codeFields.values());
        fields.forEach(f -> f.setInvalid(false));
    }

    /** The filter of the filter bar's current values. */
    protected final StatisticsFilter currentFilter() {
        String regionCode = region.getValue() == null ? null : region.getValue().code();
        String institutionCode = institution.getParent().isPresent() ? blankToNull(institution.getValue()) : null;
        return narrow(new StatisticsFilter(from.getValue(), to.getValue(), granularity.getValue(), regionCode,
                institutionCode, null, null, compare.getValue()));
    }

    /** The filter of the numbers shown (the last refresh's), which the exports print; the bar's before the first. */
    protected final StatisticsFilter shownFilter() {
        return shown != null ? shown : currentFilter();
    }

    /** The rows shown (as loaded by the last refresh). */
    protected final List<R> rows() {
        return rows;
    }

    /** The chart shown (as drawn by the last refresh), or {@code null} before the first. */
    protected final ChartSpec chartSpec() {
        return spec;
    }

    private void chartClicked(int series, int index) {
        if (shown == null) {
            return;
        }
        drill(series, index).ifPresent(link ->
                getUI().ifPresent(ui -> ui.navigate(SupervisionCasesView.class, link.query(shown))));
    }

    private ChartSpec lineOf(Measure measure, List<Series> series) {
        List<String> periods = new ArrayList<>();
        series.forEach(s -> s.points().forEach(p -> {
            if (!periods.contains(p.period())) {
                periods.add(p.period());
            }
        }));
        List<ChartSpec.SeriesSpec> specs = new ArrayList<>();
        for (Series s : series) {
            List<Number> values = new ArrayList<>();
            List<Number> previous = new ArrayList<>();
            for (String period : periods) {
                var point = s.points().stream().filter(p -> p.period().equals(period)).findFirst();
                values.add(point.map(Series.Point::value).orElse(null));
                previous.add(point.map(Series.Point::previous).orElse(null));
            }
            String name = getTranslation("supervision.measure." + measure.name());
            specs.add(new ChartSpec.SeriesSpec(series.size() > 1 ? s.name() : name, values));
            if (shown != null && shown.compare()) {
                specs.add(new ChartSpec.SeriesSpec((series.size() > 1 ? s.name() : name) + ChartSpec.PREVIOUS_SUFFIX,
                        previous));
            }
        }
        return new ChartSpec(ChartSpec.Kind.LINE, getTranslation("supervision.series.title",
                getTranslation("supervision.measure." + measure.name())), getTranslation("supervision.unit.count"),
                periods, specs);
    }

    /** The regions a caller may narrow to: their own and those below it, by code. */
    static List<Region> regionsInScope(CurrentUser user) {
        return CodeTables.regions().regions().stream().filter(r -> user.canSee(r.code()))
                .filter(r -> r.level() != RegionCode.Level.COUNTY || user.region().level() != RegionCode.Level.NATIONAL)
                .sorted(Comparator.comparing(Region::code)).toList();
    }

    /**
     * A text field for a code (institution, maker): letters, digits, {@code _} and {@code -}, at most 32 characters,
     * marked invalid with a message naming the field; the service checks again.
     */
    protected final TextField codeField(String labelKey, String id, String filterField) {
        var field = new TextField(getTranslation(labelKey));
        codeFields.put(filterField, field);
        field.setId(id);
        field.setMaxLength(32);
        field.setPattern(CaseQuery.CODE.pattern());
        field.setErrorMessage(getTranslation("supervision.badCodeField", getTranslation(labelKey)));
        field.setClearButtonVisible(true);
        field.setWidth("11em");
        return field;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The label of a code under a message prefix (a stage, a category), the code itself when there is none. */
    protected final String label(String prefix, String code) {
        if (code == null) {
            return "—";
        }
        String text = getTranslation(prefix + code);
        return text.startsWith("!") ? code : text;
    }

    /** A region's name, or its code when the table does not know it. */
    static String regionName(String code) {
        return code == null ? "" : CodeTables.regions().find(code).map(Region::name).orElse(code);
    }
}
