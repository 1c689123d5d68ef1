package cn.healthcard.keys.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** One key ceremony: what was asked, who started and who co-signed it, the components and the outcome. */
@Route(value = "keys/ceremonies/:ceremonyId", layout = MainLayout.class)
@RolesAllowed({"KEY_ADMIN", "AUDITOR"})
class KeyCeremonyView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final KeyCeremonyService keys;
    private String title = "";

    KeyCeremonyView(KeyCeremonyService keys) {
        this.keys = keys;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String id = event.getRouteParameters().get("ceremonyId").orElse("");
        CeremonyView c;
        try {
            c = keys.ceremony(id);
        } catch (NotFoundException e) {
            add(new H2(e.getMessage()));
            return;
        }
        boolean en = "en".equals(getLocale().getLanguage());
        title = getTranslation("keys.ceremony.title", c.id());
        add(new H2(title));
        var details = new FormLayout();
        details.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        item(details, "keys.ceremony.operation", en ? c.operation().nameEn() : c.operation().nameZh(), "ceremony-operation");
        item(details, "keys.ceremony.status", en ? c.status().nameEn() : c.status().nameZh(), "ceremony-status");
        item(details, "keys.col.label", c.keyRef(), "ceremony-key");
        item(details, "keys.col.checkValue", c.keyCheckValue(), "ceremony-check-value");
        item(details, "keys.col.region", c.regionName() + "（" + c.regionCode() + "）", null);
        if (c.level() != null) {
            item(details, "keys.col.level", en ? c.level().nameEn() : c.level().nameZh(), null);
        }
        if (c.purpose() != null) {
            item(details, "keys.col.purpose", en ? c.purpose().nameEn() : c.purpose().nameZh(), null);
        }
        item(details, "keys.ceremony.backup", c.backupId(), null);
        item(details, "keys.ceremony.custodians", String.join("、", c.custodianNames()), "ceremony-custodians");
        item(details, "keys.ceremony.reason", c.reason(), null);
        item(details, "keys.ceremony.initiated", c.initiatedByName() + " · " + ChinaTime.minutes(c.initiatedAt()),
                "ceremony-initiated");
        item(details, "keys.ceremony.cosigned", c.cosignedBy() == null ? ""
                : c.cosignedByName() + " · " + ChinaTime.minutes(c.cosignedAt())
                + (c.cosignComment() == null ? "" : "：" + c.cosignComment()), "ceremony-cosigned");
        item(details, "keys.ceremony.outcome", c.outcome(), "ceremony-outcome");
        item(details, "keys.ceremony.completed", ChinaTime.minutes(c.completedAt()), null);
        add(details);
        if (!c.components().isEmpty()) {
            add(new H3(getTranslation("keys.ceremony.components")));
            var grid = new Grid<CeremonyView.ComponentView>();
            grid.setId("ceremony-components");
            grid.addColumn(p -> p.index() + "/" + p.count()).setHeader(getTranslation("keys.component.index"))
                    .setAutoWidth(true);
            grid.addColumn(CeremonyView.ComponentView::custodianName)
                    .setHeader(getTranslation("keys.component.custodian")).setAutoWidth(true);
            grid.addColumn(p -> getTranslation("keys.component.status." + p.status()))
                    .setHeader(getTranslation("keys.component.status")).setAutoWidth(true);
            grid.addColumn(CeremonyView.ComponentView::checkValue)
                    .setHeader(getTranslation("keys.col.checkValue")).setAutoWidth(true);
            grid.addColumn(p -> ChinaTime.minutes(p.at())).setHeader(getTranslation("keys.component.at"))
                    .setAutoWidth(true);
            grid.setItems(c.components());
            grid.setAllRowsVisible(true);
            add(grid);
        }
        var back = new Button(getTranslation("keys.back"), e -> getUI().ifPresent(ui -> ui.navigate("keys")));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(back);
    }

    private void item(FormLayout layout, String labelKey, String value, String id) {
        var text = new Span(value == null || value.isBlank() ? "—" : value);
        if (id != null) {
            text.setId(id);
        }
        layout.addFormItem(text, getTranslation(labelKey));
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("app.title");
    }
}
