package cn.healthcard.audit.ui;

import cn.healthcard.audit.AuditExport;
import cn.healthcard.audit.AuditHit;
import cn.healthcard.audit.AuditPage;
import cn.healthcard.audit.AuditQuery;
import cn.healthcard.audit.AuditSearch;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTable;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.ServiceUnavailableException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.HasValidation;
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
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.BiFunction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * 审计查询 (APP-13, SEC-03): auditors and supervisors search the audit trail by card, resident (document or full name,
 * through keyed hashes), institution, region, event type, operator, period and words of the reasons; results are
 * paged and sorted, personal data only masked; a row with a card opens the card's case timeline. The service checks
 * role and region again and records each search.
 */
@Route(value = "audit", layout = MainLayout.class)
@RolesAllowed({"AUDITOR", "SUPERVISOR"})
class AuditSearchView extends VerticalLayout implements HasDynamicTitle {

    private final AuditSearch search;

    private final TextField cardNo = new TextField();
    private final Select<String> documentType = new Select<>();
    private final TextField documentNumber = new TextField();
    private final TextField name = new TextField();
    private final TextField institution = new TextField();
    private final TextField region = new TextField();
    private final ComboBox<String> eventType = new ComboBox<>();
    private final TextField actor = new TextField();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());
    private final TextField text = new TextField();
    private final Select<AuditPage.Sort> sort = new Select<>();
    private final Span summary = new Span();
    private final Grid<AuditHit> grid = new Grid<>();
    private final HorizontalLayout exports = new HorizontalLayout();

    /** The search shown, and its first page (already fetched, and recorded, by the search button). */
    private AuditQuery shown;
    private AuditPage firstPage;

    AuditSearchView(AuditSearch search, AuditExport export) {
        this.search = search;
        setSizeFull();
        add(new H2(getTranslation("audit.title")));

        field(cardNo, "audit-card", "audit.cardNo");
        documentType.setLabel(getTranslation("audit.documentType"));
        documentType.setItems(CodeTables.documentTypes().codes().stream().map(CodeTable.Code::code).toList());
        documentType.setItemLabelGenerator(code -> CodeTables.documentTypes().name(code).orElse(code));
        documentType.setValue("01");
        documentType.setId("audit-doctype");
        field(documentNumber, "audit-docno", "audit.documentNumber");
        field(name, "audit-name", "audit.name");
        name.setHelperText(getTranslation("audit.name.help"));
        field(institution, "audit-institution", "audit.institution");
        field(region, "audit-region", "audit.region");
        region.setHelperText(getTranslation("audit.region.help"));
        eventType.setLabel(getTranslation("audit.eventType"));
        eventType.setItems(AuditEventTypes.KNOWN);
        eventType.setItemLabelGenerator(this::eventName);
        eventType.setAllowCustomValue(true);
        eventType.addCustomValueSetListener(e -> eventType.setValue(e.getDetail()));
        eventType.setClearButtonVisible(true);
        eventType.setId("audit-event");
        field(actor, "audit-actor", "audit.actor");
        from.setLabel(getTranslation("audit.from"));
        from.setId("audit-from");
        to.setLabel(getTranslation("audit.to"));
        to.setId("audit-to");
        field(text, "audit-text", "audit.text");
        text.setHelperText(getTranslation("audit.text.help"));
        sort.setLabel(getTranslation("audit.sort"));
        sort.setItems(AuditPage.Sort.values());
        sort.setItemLabelGenerator(s -> getTranslation("audit.sort." + s.name()));
        sort.setValue(AuditPage.Sort.NEWEST_FIRST);
        sort.setId("audit-sort");

        var form = new FormLayout(cardNo, documentType, documentNumber, name, institution, region, eventType, actor,
                from, to, text, sort);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3),
                new FormLayout.ResponsiveStep("70em", 6));
        form.setColspan(text, 2);
        add(form);

        var searchButton = new Button(getTranslation("audit.search"), e -> runSearch());
        searchButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        searchButton.setId("audit-search");
        searchButton.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        var reset = new Button(getTranslation("audit.reset"), e -> reset());
        reset.setId("audit-reset");
        summary.setId("audit-summary");
        exports.setVisible(false);
        exports.add(download(export, getTranslation("audit.export.csv"), "audit-export-csv", "csv", "text/csv",
                export::writeCsv), download(export, getTranslation("audit.export.pdf"), "audit-export-pdf", "pdf",
                "application/pdf", export::writePdf));
        var actions = new HorizontalLayout(searchButton, reset, summary, exports);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);
        add(actions);

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(h -> ChinaTime.seconds(h.occurredAt())).setHeader(getTranslation("audit.col.at"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(h -> eventName(h.eventType())).setHeader(getTranslation("audit.col.event")).setAutoWidth(true);
        grid.addColumn(AuditHit::actor).setHeader(getTranslation("audit.col.actor")).setAutoWidth(true);
        grid.addColumn(h -> orDash(h.institutionCode())).setHeader(getTranslation("audit.col.institution"))
                .setAutoWidth(true);
        grid.addColumn(h -> orDash(h.regionCode())).setHeader(getTranslation("audit.col.region")).setAutoWidth(true);
        grid.addColumn(h -> orDash(h.nameMasked())).setHeader(getTranslation("audit.col.name")).setAutoWidth(true);
        grid.addColumn(h -> orDash(h.documentNumberMasked())).setHeader(getTranslation("audit.col.document"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::cardLink).setHeader(getTranslation("audit.col.card")).setAutoWidth(true);
        grid.addColumn(h -> orDash(h.caseRef())).setHeader(getTranslation("audit.col.case")).setAutoWidth(true);
        grid.addColumn(h -> orDash(h.detail())).setHeader(getTranslation("audit.col.detail")).setFlexGrow(1)
                .setWidth("16em");
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.TextRenderer<>(h -> h.subjectType() + " "
                + h.subjectId() + " · " + h.channel() + " · #" + h.id()));
        add(grid);
        expand(grid);
    }

    /** A link that writes the shown search's results as a file (the export is recorded like a search). */
    private Anchor download(AuditExport export, String text, String id, String extension, String contentType,
                            BiFunction<AuditQuery, OutputStream, Long> writer) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            var bytes = new ByteArrayOutputStream();
            writer.apply(shown, bytes);
            return new DownloadResponse(new ByteArrayInputStream(bytes.toByteArray()),
                    export.fileName(extension), contentType, bytes.size());
        }), text);
        link.setId(id);
        link.setTarget("_blank");
        return link;
    }

    private void field(TextField field, String id, String labelKey) {
        field.setLabel(getTranslation(labelKey));
        field.setId(id);
        field.setClearButtonVisible(true);
    }

    private com.vaadin.flow.component.Component cardLink(AuditHit hit) {
        if (hit.cardNo() == null) {
            return new Span("—");
        }
        var link = new com.vaadin.flow.router.RouterLink(hit.cardNo(), CardTimelineView.class,
                new com.vaadin.flow.router.RouteParameters("cardNo", hit.cardNo()));
        link.getElement().setAttribute("title", getTranslation("audit.openTimeline"));
        return link;
    }

    private void runSearch() {
        clearErrors();
        AuditQuery query = new AuditQuery(cardNo.getValue(),
                documentNumber.getValue().isBlank() ? null : documentType.getValue(), documentNumber.getValue(),
                name.getValue(), institution.getValue(), region.getValue(), eventType.getValue(), actor.getValue(),
                from.getValue(), to.getValue(), text.getValue());
        AuditPage.Sort order = sort.getValue();
        try {
            firstPage = search.search(query, 0, PAGE, order);
        } catch (DomainValidationException e) {
            showErrors(e.violations());
            return;
        } catch (ServiceUnavailableException e) {
            Notification.show(getTranslation("audit.unavailable"), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        shown = query;
        long total = firstPage.total();
        summary.setText(total > AuditSearch.MAX_WINDOW ? getTranslation("audit.summary.capped", total,
                AuditSearch.MAX_WINDOW) : getTranslation("audit.summary", total));
        exports.setVisible(total > 0);
        AuditPage first = firstPage;
        grid.setPageSize(PAGE);
        grid.setItems(q -> fetch(query, order, first, q.getPage(), q.getPageSize()),
                q -> (int) Math.min(total, AuditSearch.MAX_WINDOW));
    }

    private static final int PAGE = 50;

    private Stream<AuditHit> fetch(AuditQuery query, AuditPage.Sort order, AuditPage first, int page, int size) {
        if (page == 0 && size == first.size()) {
            return first.hits().stream();
        }
        return search.search(query, page, size, order).hits().stream();
    }

    private void reset() {
        Stream.of(cardNo, documentNumber, name, institution, region, actor, text).forEach(TextField::clear);
        documentType.setValue("01");
        eventType.clear();
        from.clear();
        to.clear();
        sort.setValue(AuditPage.Sort.NEWEST_FIRST);
        clearErrors();
        summary.setText("");
        exports.setVisible(false);
        shown = null;
        grid.setItems(List.of());
    }

    private void showErrors(List<FieldViolation> violations) {
        Map<String, HasValidation> fields = new HashMap<>(Map.<String, HasValidation>of("cardNo", cardNo,
                "documentType", documentType, "documentNumber", documentNumber, "name", name,
                "institution", institution, "regionCode", region, "eventType", eventType, "actor", actor,
                "from", from, "text", text));
        fields.put("to", to);
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
        List.<HasValidation>of(cardNo, documentType, documentNumber, name, institution, region, eventType, actor, from,
                to, text).forEach(f -> f.setInvalid(false));
    }

    private String eventName(String type) {
        return AuditEventTypes.label(this, type);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title");
    }
}
