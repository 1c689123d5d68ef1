package cn.healthcard.filing.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.filing.CatalogueFilter;
import cn.healthcard.filing.FilingCatalogue;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.ProductsInUse;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

/**
 * Products in use (FIL-03): the centre registers which filed products it uses; the counts below are summed by the
 * regions directly below the user's (a province sees its cities' sums), then the registrations themselves.
 */
@Route(value = "filings/in-use", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "SUPERVISOR", "AUDITOR"})
class ProductsInUseView extends VerticalLayout implements HasDynamicTitle {

    private final ProductsInUse inUse;
    private final Grid<ProductsInUse.Count> counts = new Grid<>();
    private final Grid<ProductsInUse.Use> uses = new Grid<>();

    ProductsInUseView(ProductsInUse inUse, FilingCatalogue catalogue) {
        this.inUse = inUse;
        boolean en = FilingLabels.english(getLocale());
        add(new H2(getTranslation("filing.inUse.title")));
        var me = SecurityContextUsers.require();
        if (me.has(Role.ADMIN) || me.has(Role.SUPERVISOR)) {
            var product = new ComboBox<FilingCatalogue.Entry>(getTranslation("filing.inUse.product"));
            product.setId("in-use-product");
            product.setItems(catalogue.query(new CatalogueFilter(null, FilingStatus.FILED, null, null, null), 0,
                    FilingCatalogue.MAX_PAGE).entries());
            product.setItemLabelGenerator(e -> e.filingNo() + " " + (en ? e.productType().nameEn()
                    : e.productType().nameZh()) + " " + e.model() + "（" + e.manufacturerName() + "）");
            product.setWidth("28em");
            var since = new DatePicker(getTranslation("filing.inUse.since"));
            since.setId("in-use-since");
            var quantity = new IntegerField(getTranslation("filing.inUse.quantity"));
            quantity.setId("in-use-quantity");
            var notes = new TextField(getTranslation("filing.inUse.notes"));
            notes.setMaxLength(200);
            var save = new Button(getTranslation("filing.inUse.save"), e -> {
                try {
                    inUse.register(product.getValue() == null ? null : product.getValue().filingNo(), since.getValue(),
                            quantity.getValue(), notes.getValue());
                    Notification.show(getTranslation("filing.inUse.saved"), 4000, Notification.Position.TOP_CENTER)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                } catch (DomainValidationException ex) {
                    Notification.show(String.join("；", ex.violations().stream().map(FieldViolation::message)
                            .toList()), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                } catch (ConflictException | AccessDeniedException | NotFoundException ex) {
                    Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            save.setId("in-use-save");
            var bar = new HorizontalLayout(product, since, quantity, notes, save);
            bar.setAlignItems(FlexComponent.Alignment.BASELINE);
            bar.setWrap(true);
            add(bar);
        }
        add(new H3(getTranslation("filing.inUse.counts")));
        counts.setId("in-use-counts");
        counts.setAllRowsVisible(true);
        counts.addColumn(ProductsInUse.Count::regionCode).setHeader(getTranslation("filing.inUse.region"));
        counts.addColumn(ProductsInUse.Count::filingNo).setHeader(getTranslation("filing.filingNo")).setAutoWidth(true);
        counts.addColumn(c -> (en ? c.productType().nameEn() : c.productType().nameZh()) + " " + c.model())
                .setHeader(getTranslation("filing.model")).setAutoWidth(true);
        counts.addColumn(ProductsInUse.Count::manufacturerName).setHeader(getTranslation("filing.manufacturer"))
                .setAutoWidth(true);
        counts.addColumn(ProductsInUse.Count::institutions).setHeader(getTranslation("filing.inUse.institutions"));
        counts.addColumn(ProductsInUse.Count::quantity).setHeader(getTranslation("filing.inUse.quantity"));
        add(counts);
        add(new H3(getTranslation("filing.inUse.list")));
        uses.setId("in-use-list");
        uses.setAllRowsVisible(true);
        uses.addColumn(ProductsInUse.Use::institutionCode).setHeader(getTranslation("filing.inUse.institution"));
        uses.addColumn(ProductsInUse.Use::regionCode).setHeader(getTranslation("filing.inUse.region"));
        uses.addColumn(ProductsInUse.Use::filingNo).setHeader(getTranslation("filing.filingNo")).setAutoWidth(true);
        uses.addColumn(u -> u.model()).setHeader(getTranslation("filing.model"));
        uses.addColumn(ProductsInUse.Use::since).setHeader(getTranslation("filing.inUse.since"));
        uses.addColumn(ProductsInUse.Use::quantity).setHeader(getTranslation("filing.inUse.quantity"));
        uses.addColumn(u -> u.notes() == null ? "" : u.notes()).setHeader(getTranslation("filing.inUse.notes"));
        add(uses);
        refresh();
    }

    private void refresh() {
        counts.setItems(inUse.counts());
        uses.setItems(inUse.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("filing.inUse.title") + " · " + getTranslation("app.title");
    }
}
