package cn.healthcard.samsupply.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.report.TableExport;
import cn.healthcard.samsupply.SamSupplyStatistics;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * 「SAM制卡与发卡监管」 (SAM-05, 4.3.5.1 and 4.3.5.2): filters by date, maker, region and institution; the production
 * table (applied, made, failed, open, progress, success rate per day and maker) and the issuing table (issued, signed
 * for, not signed for per day, region and institution), each exported as CSV or Excel. The same queries as
 * {@code GET /api/v1/samsupply/statistics/...}.
 */
@Route(value = "sam/supervision", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class SamSupervisionView extends VerticalLayout implements HasDynamicTitle {

    private final SamSupplyStatistics statistics;
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField maker = new TextField();
    private final TextField region = new TextField();
    private final TextField institution = new TextField();
    private final Grid<SamSupplyStatistics.ProductionRow> production = new Grid<>();
    private final Grid<SamSupplyStatistics.IssuingRow> issuing = new Grid<>();

    SamSupervisionView(SamSupplyStatistics statistics) {
        this.statistics = statistics;
        setWidthFull();
        add(new H2(getTranslation("samsupply.supervision.title")));
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        from.setLabel(getTranslation("samsupply.from"));
        from.setValue(today.minusDays(30));
        from.setId("sam-from");
        to.setLabel(getTranslation("samsupply.to"));
        to.setValue(today);
        to.setId("sam-to");
        maker.setLabel(getTranslation("samsupply.makerCode"));
        maker.setMaxLength(32);
        region.setLabel(getTranslation("samsupply.regionCode"));
        region.setMaxLength(6);
        institution.setLabel(getTranslation("samsupply.institutionCode"));
        institution.setMaxLength(32);
        Button search = new Button(getTranslation("samsupply.search"), e -> refresh());
        search.setId("sam-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(from, to, maker, region, institution, search);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);

        add(new H3(getTranslation("samsupply.supervision.production")));
        production.setId("sam-production");
        production.addColumn(SamSupplyStatistics.ProductionRow::date).setHeader(getTranslation("samsupply.date")).setAutoWidth(true);
        production.addColumn(r -> r.makerName() + "（" + r.makerCode() + "）").setHeader(getTranslation("samsupply.maker"))
                .setAutoWidth(true);
        production.addColumn(SamSupplyStatistics.ProductionRow::applied).setHeader(getTranslation("samsupply.applied"));
        production.addColumn(SamSupplyStatistics.ProductionRow::made).setHeader(getTranslation("samsupply.made"));
        production.addColumn(SamSupplyStatistics.ProductionRow::failed).setHeader(getTranslation("samsupply.failed"));
        production.addColumn(SamSupplyStatistics.ProductionRow::open).setHeader(getTranslation("samsupply.open"));
        production.addColumn(SamSupplyStatistics.ProductionRow::orderFailed)
                .setHeader(getTranslation("samsupply.orderFailed"));
        production.addColumn(r -> r.progressPercent() + "%").setHeader(getTranslation("samsupply.progress"));
        production.addColumn(r -> r.successPercent() + "%").setHeader(getTranslation("samsupply.successRate"));
        production.setHeight("260px");
        add(production, exports("sam-production", SamSupplyStatistics.PRODUCTION_TABLE,
                () -> statistics.production(filter())));

        add(new H3(getTranslation("samsupply.supervision.issuing")));
        issuing.setId("sam-issuing");
        issuing.addColumn(SamSupplyStatistics.IssuingRow::date).setHeader(getTranslation("samsupply.date")).setAutoWidth(true);
        issuing.addColumn(SamSupplyStatistics.IssuingRow::regionCode).setHeader(getTranslation("samsupply.region"));
        issuing.addColumn(r -> r.institutionName() + "（" + r.institutionCode() + "）")
                .setHeader(getTranslation("samsupply.institution")).setAutoWidth(true);
        issuing.addColumn(SamSupplyStatistics.IssuingRow::issued).setHeader(getTranslation("samsupply.issued"));
        issuing.addColumn(SamSupplyStatistics.IssuingRow::signedFor).setHeader(getTranslation("samsupply.signedFor"));
        issuing.addColumn(SamSupplyStatistics.IssuingRow::notSignedFor).setHeader(getTranslation("samsupply.notSignedFor"));
        issuing.setHeight("260px");
        add(issuing, exports("sam-issuing", SamSupplyStatistics.ISSUING_TABLE, () -> statistics.issuing(filter())));
        refresh();
    }

    private SamSupplyStatistics.Filter filter() {
        return new SamSupplyStatistics.Filter(from.getValue(), to.getValue(), blank(maker.getValue()),
                blank(region.getValue()), blank(institution.getValue()));
    }

    private void refresh() {
        ScreenNotices.attempt(() -> {
            production.setItems(statistics.production(filter()));
            issuing.setItems(statistics.issuing(filter()));
        });
    }

    private <R> HorizontalLayout exports(String name, TableExport<R> table, Supplier<List<R>> rows) {
        Anchor csv = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] body = table.csv(rows.get());
            return new DownloadResponse(new ByteArrayInputStream(body), name + ".csv", TableExport.CSV_TYPE,
                    body.length);
        }), getTranslation("samsupply.export.csv"));
        csv.setId(name + "-csv");
        Anchor xlsx = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] body = table.xlsx(rows.get());
            return new DownloadResponse(new ByteArrayInputStream(body), name + ".xlsx", TableExport.XLSX_TYPE,
                    body.length);
        }), getTranslation("samsupply.export.xlsx"));
        xlsx.setId(name + "-xlsx");
        return new HorizontalLayout(csv, xlsx);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("samsupply.supervision.title") + " · " + getTranslation("app.title");
    }
}
