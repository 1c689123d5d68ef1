package cn.healthcard.filing.ui;

import cn.healthcard.filing.CatalogueFilter;
import cn.healthcard.filing.FilingCatalogue;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.ProductType;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;

import java.io.ByteArrayInputStream;
import java.util.function.Function;

/**
 * The filed-products catalogue (备案产品目录, FIL-02): filters by type, status, model, manufacturer and filing number;
 * export as CSV or Excel; a row opens the filing. Every level queries; what each sees is the service's rule.
 */
@Route(value = "filings", layout = MainLayout.class)
@PermitAll
class FilingCatalogueView extends VerticalLayout implements HasDynamicTitle {

    private final FilingCatalogue catalogue;
    private final Grid<FilingCatalogue.Entry> grid = new Grid<>();
    private final ComboBox<ProductType> type = new ComboBox<>();
    private final ComboBox<FilingStatus> status = new ComboBox<>();
    private final TextField model = new TextField();
    private final TextField manufacturer = new TextField();
    private final TextField filingNo = new TextField();
    private final Span total = new Span();

    FilingCatalogueView(FilingCatalogue catalogue) {
        this.catalogue = catalogue;
        setSizeFull();
        boolean en = FilingLabels.english(getLocale());
        add(new H2(getTranslation("filing.catalogue.title")));
        type.setLabel(getTranslation("filing.productType"));
        type.setId("filing-filter-type");
        type.setItems(ProductType.values());
        type.setItemLabelGenerator(t -> en ? t.nameEn() : t.nameZh());
        type.setClearButtonVisible(true);
        status.setLabel(getTranslation("filing.status"));
        status.setId("filing-filter-status");
        status.setItems(FilingStatus.values());
        status.setItemLabelGenerator(s -> en ? s.nameEn() : s.nameZh());
        status.setClearButtonVisible(true);
        text(model, "filing-filter-model", "filing.model");
        text(manufacturer, "filing-filter-manufacturer", "filing.manufacturer");
        text(filingNo, "filing-filter-no", "filing.filingNo");
        var search = new Button(getTranslation("filing.search"), e -> refresh());
        search.setId("filing-search");
        var csv = export("csv", "text/csv", getTranslation("filing.export.csv"), catalogue::csv);
        var xlsx = export("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                getTranslation("filing.export.xlsx"), catalogue::xlsx);
        var bar = new HorizontalLayout(type, status, model, manufacturer, filingNo, search, csv, xlsx);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        add(bar, total);

        grid.setId("filing-grid");
        grid.addColumn(e -> e.filingNo() == null ? "—" : e.filingNo()).setHeader(getTranslation("filing.filingNo"))
                .setAutoWidth(true);
        grid.addColumn(FilingCatalogue.Entry::caseNo).setHeader(getTranslation("filing.caseNo")).setAutoWidth(true);
        grid.addColumn(e -> en ? e.productType().nameEn() : e.productType().nameZh())
                .setHeader(getTranslation("filing.productType")).setAutoWidth(true);
        grid.addColumn(FilingCatalogue.Entry::model).setHeader(getTranslation("filing.model")).setAutoWidth(true);
        grid.addColumn(FilingCatalogue.Entry::productVersion).setHeader(getTranslation("filing.version"));
        grid.addColumn(FilingCatalogue.Entry::manufacturerName).setHeader(getTranslation("filing.manufacturer"))
                .setAutoWidth(true);
        grid.addColumn(e -> en ? e.status().nameEn() : e.status().nameZh()).setHeader(getTranslation("filing.status"));
        grid.addColumn(e -> e.validUntil() == null ? "" : e.validFrom() + " ~ " + e.validUntil())
                .setHeader(getTranslation("filing.validity")).setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("filings/" + e.getItem().id())));
        add(grid);
        refresh();
    }

    private CatalogueFilter filter() {
        return new CatalogueFilter(type.getValue(), status.getValue(), model.getValue(), manufacturer.getValue(),
                filingNo.getValue());
    }

    private void refresh() {
        var result = catalogue.query(filter(), 0, FilingCatalogue.MAX_PAGE);
        grid.setItems(result.entries());
        total.setText(getTranslation("filing.catalogue.total", result.total()));
    }

    private void text(TextField field, String id, String labelKey) {
        field.setLabel(getTranslation(labelKey));
        field.setId(id);
        field.setClearButtonVisible(true);
    }

    private Anchor export(String extension, String contentType, String text,
                          Function<CatalogueFilter, byte[]> writer) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = writer.apply(filter());
            return new DownloadResponse(new ByteArrayInputStream(bytes), "filings." + extension, contentType,
                    bytes.length);
        }), text);
        link.setId("filing-export-" + extension);
        link.setTarget("_blank");
        return link;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("filing.catalogue.title") + " · " + getTranslation("app.title");
    }
}
