package cn.healthcard.sam.ui;

import cn.healthcard.report.TableExport;
import cn.healthcard.sam.SamStatistics;
import cn.healthcard.sam.SamUsageStats;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;

/**
 * 「SAM卡应用监管」 (SAM-05 4.3.5.3): freeze, unfreeze and cancel counts and usage through SAM terminals by period,
 * region, institution and scenario, with CSV and Excel export.
 */
@Route(value = "sam/statistics", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class SamUsageView extends VerticalLayout implements HasDynamicTitle {

    private final SamStatistics statistics;
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField region = new TextField();
    private final TextField institution = new TextField();
    private final TextField scenario = new TextField();

    SamUsageView(SamStatistics statistics) {
        this.statistics = statistics;
        add(new H2(getTranslation("sam.usage.title")));
        from.setLabel(getTranslation("sam.usage.from"));
        to.setLabel(getTranslation("sam.usage.to"));
        region.setLabel(getTranslation("sam.usage.region"));
        region.setMaxLength(6);
        institution.setLabel(getTranslation("sam.institution"));
        scenario.setLabel(getTranslation("sam.usage.scenario"));
        Grid<SamUsageStats.Row> grid = new Grid<>();
        grid.setId("sam-usage-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(SamUsageStats.Row::institutionCode).setHeader(getTranslation("sam.institution"));
        grid.addColumn(r -> r.samNo() == null ? "" : r.samNo()).setHeader(getTranslation("sam.samNo"));
        grid.addColumn(r -> SamStatistics.measureName(r.measure())).setHeader(getTranslation("sam.usage.measure"));
        grid.addColumn(SamUsageStats.Row::count).setHeader(getTranslation("sam.usage.count"));
        var search = new Button(getTranslation("sam.search"), e -> ScreenNotices.attempt(() ->
                grid.setItems(statistics.usage(filter()).rows())));
        search.setId("sam-usage-search");
        var bar = new HorizontalLayout(from, to, region, institution, scenario, search,
                download("sam.usage.csv", "csv", TableExport.CSV_TYPE, false),
                download("sam.usage.xlsx", "xlsx", TableExport.XLSX_TYPE, true));
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        add(bar, grid);
        ScreenNotices.attempt(() -> grid.setItems(statistics.usage(filter()).rows()));
    }

    private SamStatistics.Filter filter() {
        return new SamStatistics.Filter(from.getValue(), to.getValue(), ScreenNotices.blankToNull(region.getValue()),
                ScreenNotices.blankToNull(institution.getValue()), ScreenNotices.blankToNull(scenario.getValue()));
    }

    private Anchor download(String key, String extension, String type, boolean excel) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = statistics.export(filter(), excel);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "sam-usage." + extension, type, bytes.length);
        }), getTranslation(key));
        link.setTarget("_blank");
        return link;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sam.usage.title") + " · " + getTranslation("app.title");
    }
}
