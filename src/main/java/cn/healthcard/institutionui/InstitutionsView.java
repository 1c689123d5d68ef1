package cn.healthcard.institutionui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.PageQuery;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionPage;
import cn.healthcard.institution.InstitutionQuery;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * 「机构管理」 (ORG-01…05): the combined query of the register — name, kind, nature, region with its sub-regions,
 * category, code, registration date from/to, status — a paged grid, and the current query printed (PDF) or exported
 * (Excel, CSV). The region picker offers only the user's region and those below; the service scopes again. Admins
 * register institutions here and open the import.
 */
@Route(value = "institutions", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "SUPERVISOR", "AUDITOR"})
class InstitutionsView extends VerticalLayout implements HasDynamicTitle {

    private static final int PAGE = 50;

    private final InstitutionService service;
    private final InstitutionDocuments documents;

    private final TextField name = new TextField();
    private final Select<InstitutionKind> kind = new Select<>();
    private final Select<MedicalNature> nature = new Select<>();
    private final ComboBox<String> region = new ComboBox<>();
    private final Select<MedicalCategory> category = new Select<>();
    private final TextField code = new TextField();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());
    private final Select<InstitutionStatus> status = new Select<>();
    private final Span summary = new Span();
    private final HorizontalLayout exports = new HorizontalLayout();
    private final Grid<InstitutionDetails> grid = new Grid<>();

    /** The query shown in the grid, which print and export use. */
    private InstitutionQuery shown = InstitutionQuery.all();

    InstitutionsView(InstitutionService service, InstitutionDocuments documents) {
        this.service = service;
        this.documents = documents;
        setSizeFull();
        boolean admin = SecurityContextUsers.require().has(Role.ADMIN);
        var header = new HorizontalLayout(new H2(getTranslation("inst.title")));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (admin) {
            var register = new Button(getTranslation("inst.register"), VaadinIcon.PLUS.create(),
                    e -> InstitutionDialog.register(service, getLocale(), saved -> {
                        runSearch();
                        getUI().ifPresent(ui -> ui.navigate(InstitutionDetailsView.class,
                                new RouteParameters("code", saved.code())));
                    }));
            register.setId("inst-register");
            register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var importLink = new RouterLink(getTranslation("inst.import.open"), InstitutionImportView.class);
            importLink.setId("inst-import-link");
            header.add(register, importLink);
        }
        var scope = new Span(getTranslation("inst.scope", Labels.regionLabel(service.scope().value())));
        scope.setId("inst-scope");
        scope.getStyle().set("color", "var(--lumo-secondary-text-color)");
        header.add(scope);
        add(header);

        text(name, "inst-q-name", "inst.field.name");
        kind.setLabel(getTranslation("inst.field.kind"));
        kind.setId("inst-q-kind");
        kind.setItems(InstitutionKind.values());
        kind.setItemLabelGenerator(k -> Labels.kind(k, getLocale()));
        kind.setEmptySelectionAllowed(true);
        kind.setEmptySelectionCaption(getTranslation("inst.any"));
        nature.setLabel(getTranslation("inst.field.nature"));
        nature.setId("inst-q-nature");
        nature.setItems(MedicalNature.values());
        nature.setItemLabelGenerator(n -> Labels.nature(n, getLocale()));
        nature.setEmptySelectionAllowed(true);
        nature.setEmptySelectionCaption(getTranslation("inst.any"));
        region.setLabel(getTranslation("inst.q.region"));
        region.setId("inst-q-region");
        region.setItems(Labels.regionsWithin(service.scope()));
        region.setItemLabelGenerator(Labels::regionLabel);
        region.setClearButtonVisible(true);
        region.setHelperText(getTranslation("inst.q.region.help"));
        category.setLabel(getTranslation("inst.field.category"));
        category.setId("inst-q-category");
        category.setItems(MedicalCategory.values());
        category.setItemLabelGenerator(c -> Labels.category(c, getLocale()));
        category.setEmptySelectionAllowed(true);
        category.setEmptySelectionCaption(getTranslation("inst.any"));
        text(code, "inst-q-code", "inst.field.code");
        from.setLabel(getTranslation("inst.q.from"));
        from.setId("inst-q-from");
        to.setLabel(getTranslation("inst.q.to"));
        to.setId("inst-q-to");
        status.setLabel(getTranslation("inst.field.status"));
        status.setId("inst-q-status");
        status.setItems(InstitutionStatus.values());
        status.setItemLabelGenerator(s -> Labels.status(s, getLocale()));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("inst.any"));

        var form = new FormLayout(name, kind, nature, region, category, code, from, to, status);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3),
                new FormLayout.ResponsiveStep("70em", 5));
        form.setColspan(region, 2);
        add(form);

        var search = new Button(getTranslation("inst.search"), VaadinIcon.SEARCH.create(), e -> runSearch());
        search.setId("inst-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER).listenOn(form); // not in the dialogs
        var reset = new Button(getTranslation("inst.reset"), e -> reset());
        reset.setId("inst-reset");
        summary.setId("inst-summary");
        exports.add(
                download("inst.print", "inst-print", VaadinIcon.PRINT, "pdf", "application/pdf",
                        () -> documents.listPdf(shown)),
                download("inst.export.xlsx", "inst-export-xlsx", VaadinIcon.FILE_TABLE, "xlsx",
                        cn.healthcard.report.TableExport.XLSX_TYPE,
                        () -> documents.xlsx(shown, getLocale(), this::getTranslation)),
                download("inst.export.csv", "inst-export-csv", VaadinIcon.FILE_TEXT_O, "csv",
                        cn.healthcard.report.TableExport.CSV_TYPE,
                        () -> documents.csv(shown, getLocale(), this::getTranslation)));
        var actions = new HorizontalLayout(search, reset, summary, exports);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);
        add(actions);

        grid.setId("inst-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(this::codeLink).setHeader(getTranslation("inst.field.code")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(InstitutionDetails::name).setHeader(getTranslation("inst.field.name")).setFlexGrow(1)
                .setWidth("16em");
        grid.addColumn(d -> Labels.kindWithLevel(d, getLocale())).setHeader(getTranslation("inst.field.kind"))
                .setAutoWidth(true);
        grid.addColumn(d -> Labels.regionLabel(d.region().value())).setHeader(getTranslation("inst.field.region"))
                .setAutoWidth(true);
        grid.addColumn(d -> Labels.orDash(Labels.natureCategory(d, getLocale())))
                .setHeader(getTranslation("inst.col.natureCategory")).setAutoWidth(true);
        grid.addColumn(d -> Labels.orDash(d.contact())).setHeader(getTranslation("inst.field.contact"))
                .setAutoWidth(true);
        grid.addColumn(d -> Labels.orDash(d.phone())).setHeader(getTranslation("inst.field.phone")).setAutoWidth(true);
        grid.addColumn(d -> Labels.minutes(d.registeredAt())).setHeader(getTranslation("inst.field.registeredAt"))
                .setAutoWidth(true);
        grid.addColumn(d -> Labels.status(d.status(), getLocale())).setHeader(getTranslation("inst.field.status"))
                .setAutoWidth(true);
        add(grid);
        expand(grid);
        runSearch();
    }

    private Component codeLink(InstitutionDetails d) {
        var link = new RouterLink(d.code(), InstitutionDetailsView.class, new RouteParameters("code", d.code()));
        link.setId("inst-open-" + d.code());
        return link;
    }

    private void runSearch() {
        clearErrors();
        InstitutionQuery query = new InstitutionQuery(blankAsNull(name.getValue()), kind.getValue(),
                nature.getValue(), region.getValue(), category.getValue(), blankAsNull(code.getValue()),
                from.getValue(), to.getValue(), status.getValue());
        InstitutionPage first;
        try {
            first = service.search(query, new PageQuery(0, PAGE));
        } catch (DomainValidationException e) {
            showErrors(e.violations());
            return;
        }
        shown = query;
        summary.setText(getTranslation("inst.summary", first.total()));
        exports.setVisible(first.total() > 0);
        grid.setPageSize(PAGE);
        grid.setItems(q -> q.getPage() == 0 && q.getPageSize() == PAGE ? first.items().stream()
                        : service.search(query, new PageQuery(q.getPage(), q.getPageSize())).items().stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, first.total()));
    }

    private void reset() {
        Stream.of(name, code).forEach(TextField::clear);
        kind.clear();
        nature.clear();
        region.clear();
        category.clear();
        from.clear();
        to.clear();
        status.clear();
        runSearch();
    }

    private Anchor download(String textKey, String id, VaadinIcon icon, String extension, String contentType,
                            Supplier<byte[]> content) {
        String base = getTranslation("inst.export.file");
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = content.get();
            return new DownloadResponse(new ByteArrayInputStream(bytes),
                    InstitutionDocuments.fileName(base, extension), contentType, bytes.length);
        }), getTranslation(textKey));
        link.addComponentAsFirst(Labels.smallIcon(icon));
        link.setId(id);
        link.setTarget("_blank");
        return link;
    }

    private void showErrors(List<FieldViolation> violations) {
        Map<String, HasValidation> fields = Map.of("name", name, "kind", kind, "nature", nature,
                "regionCode", region, "category", category, "code", code, "registeredFrom", from,
                "registeredTo", to, "status", status);
        for (FieldViolation v : violations) {
            HasValidation field = fields.get(v.field());
            if (field == null) {
                Notification.show(v.message(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            } else {
                field.setErrorMessage(v.message());
                field.setInvalid(true);
            }
        }
    }

    private void clearErrors() {
        List.<HasValidation>of(name, kind, nature, region, category, code, from, to, status)
                .forEach(f -> f.setInvalid(false));
    }

    private void text(TextField field, String id, String labelKey) {
        field.setLabel(getTranslation(labelKey));
        field.setId(id);
        field.setClearButtonVisible(true);
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("inst.title") + " · " + getTranslation("app.title");
    }
}
