package cn.healthcard.card.ui;

import cn.healthcard.card.BlacklistEntryView;
import cn.healthcard.card.BlacklistKind;
import cn.healthcard.card.BlacklistQuery;
import cn.healthcard.card.BlacklistService;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTable;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.IdNumber;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.resident.ResidentService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The blacklist (BL-01, BL-02): filter and page through entries; supervisors and admins list a resident and remove a
 * resident's entry with a reason. Documents are shown as "registered" only: the list stores the keyed index, never
 * the number. The service checks every role again.
 */
@Route(value = "blacklist", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class BlacklistView extends VerticalLayout implements HasDynamicTitle {

    private final BlacklistService blacklist;
    private final ResidentService residents;
    private final boolean canChange;

    private final TextField cardNo = new TextField();
    private final Select<String> documentType = new Select<>();
    private final TextField documentNumber = new TextField();
    private final Checkbox activeOnly = new Checkbox();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());
    private final Grid<BlacklistEntryView> grid = new Grid<>();

    BlacklistView(BlacklistService blacklist, ResidentService residents) {
        this.blacklist = blacklist;
        this.residents = residents;
        CurrentUser user = SecurityContextUsers.require();
        this.canChange = user.has(Role.SUPERVISOR) || user.has(Role.ADMIN);
        setSizeFull();
        add(new H2(getTranslation("blacklist.title")));

        cardNo.setLabel(getTranslation("blacklist.cardNo"));
        cardNo.setId("blacklist-filter-card");
        cardNo.setClearButtonVisible(true);
        documentType.setLabel(getTranslation("blacklist.documentType"));
        documentType.setItems(CodeTables.documentTypes().codes().stream().map(CodeTable.Code::code).toList());
        documentType.setItemLabelGenerator(this::documentTypeName);
        documentType.setValue("01"); // applies only together with a number: the filter is the document's keyed index
        documentType.setId("blacklist-filter-doctype");
        documentNumber.setLabel(getTranslation("blacklist.documentNumber"));
        documentNumber.setId("blacklist-filter-docno");
        documentNumber.setClearButtonVisible(true);
        activeOnly.setLabel(getTranslation("blacklist.activeOnly"));
        activeOnly.setValue(true);
        activeOnly.setId("blacklist-filter-active");
        from.setLabel(getTranslation("blacklist.addedFrom"));
        from.setId("blacklist-filter-from");
        to.setLabel(getTranslation("blacklist.addedTo"));
        to.setId("blacklist-filter-to");
        var search = new Button(getTranslation("blacklist.search"), e -> refresh());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("blacklist-search");
        var filters = new HorizontalLayout(cardNo, documentType, documentNumber, from, to, activeOnly, search);
        if (canChange) {
            var addButton = new Button(getTranslation("blacklist.add"), e -> openAddDialog());
            addButton.setId("blacklist-add");
            filters.add(addButton);
        }
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);

        grid.setId("blacklist-grid");
        grid.addColumn(e -> getTranslation("blacklist.kind." + e.kind().name()))
                .setHeader(getTranslation("blacklist.col.kind")).setAutoWidth(true);
        grid.addColumn(e -> e.cardNo() == null ? "—" : e.cardNo())
                .setHeader(getTranslation("blacklist.col.cardNo")).setAutoWidth(true);
        grid.addColumn(e -> e.documentIndex() == null ? "—" : getTranslation("blacklist.documentRegistered"))
                .setHeader(getTranslation("blacklist.col.document")).setAutoWidth(true);
        grid.addColumn(BlacklistEntryView::reason).setHeader(getTranslation("blacklist.col.reason"))
                .setWidth("14em").setFlexGrow(1);
        grid.addColumn(BlacklistEntryView::addedBy).setHeader(getTranslation("blacklist.col.addedBy"))
                .setAutoWidth(true);
        grid.addColumn(e -> ChinaTime.minutes(e.addedAt())).setHeader(getTranslation("blacklist.col.addedAt"))
                .setAutoWidth(true);
        grid.addColumn(e -> getTranslation(e.active() ? "blacklist.state.active" : "blacklist.state.removed"))
                .setHeader(getTranslation("blacklist.col.state")).setAutoWidth(true);
        grid.addColumn(e -> e.active() ? "" : e.removedBy() + " · " + ChinaTime.minutes(e.removedAt()))
                .setHeader(getTranslation("blacklist.col.removed")).setAutoWidth(true);
        grid.addColumn(e -> e.removeReason() == null ? "" : e.removeReason())
                .setHeader(getTranslation("blacklist.col.removeReason")).setWidth("10em").setFlexGrow(1);
        if (canChange) {
            grid.addComponentColumn(this::actions).setHeader(getTranslation("blacklist.col.actions"))
                    .setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        }
        add(grid);
        expand(grid);
        refresh();
    }

    private HorizontalLayout actions(BlacklistEntryView entry) {
        var actions = new HorizontalLayout();
        if (entry.active() && entry.kind() == BlacklistKind.RESIDENT) {
            var remove = new Button(getTranslation("blacklist.remove"), e -> openRemoveDialog(entry));
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            remove.setId("blacklist-remove-" + entry.id());
            actions.add(remove);
        }
        return actions;
    }

    private void refresh() {
        clearErrors(documentType, documentNumber, to);
        var filter = new BlacklistQuery(cardNo.getValue(),
                documentNumber.getValue().isBlank() ? null : documentType.getValue(), documentNumber.getValue(),
                null, activeOnly.getValue() ? BlacklistQuery.State.ACTIVE : BlacklistQuery.State.ALL,
                from.getValue(), to.getValue());
        try {
            blacklist.query(filter, 0, 1); // a bad filter is shown on its fields, not as a grid error
        } catch (DomainValidationException e) {
            showErrors(e.violations(), Map.of("documentType", documentType, "documentNumber", documentNumber,
                    "addedTo", to, "addedFrom", from));
            return;
        }
        grid.setItems(q -> blacklist.query(filter, q.getPage(), q.getPageSize()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, blacklist.query(filter, 0, 1).getTotalElements()));
    }

    private void openAddDialog() {
        var dialog = new Dialog();
        dialog.setId("blacklist-add-dialog");
        dialog.setHeaderTitle(getTranslation("blacklist.add.title"));
        var type = new Select<String>();
        type.setLabel(getTranslation("blacklist.documentType"));
        type.setItems(CodeTables.documentTypes().codes().stream().map(CodeTable.Code::code).toList());
        type.setItemLabelGenerator(this::documentTypeName);
        type.setValue("01");
        type.setId("blacklist-add-doctype");
        var number = new TextField(getTranslation("blacklist.documentNumber"));
        number.setRequiredIndicatorVisible(true);
        number.setId("blacklist-add-docno");
        var reason = new TextArea(getTranslation("blacklist.reason"));
        reason.setRequiredIndicatorVisible(true);
        reason.setMaxLength(200);
        reason.setId("blacklist-add-reason");
        var form = new FormLayout(type, number, reason);
        form.setColspan(reason, 2);
        dialog.add(form);
        var save = new Button(getTranslation("blacklist.add.save"), e -> {
            clearErrors(type, number, reason);
            List<FieldViolation> documentViolations = checkDocument(type.getValue(), number.getValue());
            String index = documentViolations.isEmpty()
                    ? residents.documentIndex(type.getValue(), number.getValue()) : null;
            try {
                long id = blacklist.addResident(index, reason.getValue());
                dialog.close();
                Notification.show(getTranslation("blacklist.added", id), 4000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (DomainValidationException ex) {
                List<FieldViolation> all = new ArrayList<>(documentViolations);
                ex.violations().stream()
                        .filter(v -> documentViolations.isEmpty() || !"documentIndex".equals(v.field()))
                        .forEach(all::add);
                showErrors(all, Map.of("documentType", type, "documentNumber", number, "documentIndex", number,
                        "reason", reason));
            } catch (ConflictException ex) {
                number.setErrorMessage(ex.getMessage());
                number.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("blacklist-add-save");
        var cancel = new Button(getTranslation("blacklist.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }

    /** What is wrong with a document typed into the dialog (GB 11643 for 居民身份证), by dialog field. */
    private List<FieldViolation> checkDocument(String type, String number) {
        List<FieldViolation> violations = new ArrayList<>();
        if (type == null || type.isBlank()) {
            violations.add(new FieldViolation("documentType", getTranslation("blacklist.error.documentType")));
        }
        if (number == null || number.isBlank()) {
            violations.add(new FieldViolation("documentNumber", getTranslation("blacklist.error.documentNumber")));
        } else if ("01".equals(type)) {
            try {
                IdNumber.parse(number);
            } catch (DomainValidationException e) {
                e.violations().forEach(v -> violations.add(new FieldViolation("documentNumber", v.message())));
            }
        }
        return violations;
    }

    private void openRemoveDialog(BlacklistEntryView entry) {
        var dialog = new Dialog();
        dialog.setId("blacklist-remove-dialog");
        dialog.setHeaderTitle(getTranslation("blacklist.remove.title"));
        dialog.add(new Span(getTranslation("blacklist.remove.entry", entry.reason())));
        var reason = new TextArea(getTranslation("blacklist.removeReason"));
        reason.setRequiredIndicatorVisible(true);
        reason.setMaxLength(200);
        reason.setWidthFull();
        reason.setId("blacklist-remove-reason");
        dialog.add(reason);
        var confirm = new Button(getTranslation("blacklist.remove.confirm"), e -> {
            clearErrors(reason);
            try {
                blacklist.remove(entry.id(), reason.getValue());
                dialog.close();
                Notification.show(getTranslation("blacklist.removed"), 4000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (DomainValidationException ex) {
                showErrors(ex.violations(), Map.of("reason", reason));
            } catch (ConflictException | NotFoundException ex) {
                dialog.close();
                Notification.show(ex.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                refresh();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setId("blacklist-remove-confirm");
        var cancel = new Button(getTranslation("blacklist.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
    }

    /** Puts each violation on its field; the rest go to a notification. */
    private static void showErrors(List<FieldViolation> violations, Map<String, HasValidation> fields) {
        Map<String, String> byField = violations.stream().filter(v -> fields.containsKey(v.field()))
                .collect(Collectors.groupingBy(FieldViolation::field,
                        Collectors.mapping(FieldViolation::message, Collectors.joining("；"))));
        byField.forEach((field, message) -> {
            HasValidation component = fields.get(field);
            component.setErrorMessage(message);
            component.setInvalid(true);
        });
        String general = violations.stream().filter(v -> !fields.containsKey(v.field()))
                .map(FieldViolation::message).collect(Collectors.joining("；"));
        if (!general.isEmpty()) {
            Notification.show(general, 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static void clearErrors(HasValidation... fields) {
        Stream.of(fields).forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    private String documentTypeName(String code) {
        return CodeTables.documentTypes().name(code).orElse(code);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("blacklist.title") + " · " + getTranslation("app.title");
    }
}
