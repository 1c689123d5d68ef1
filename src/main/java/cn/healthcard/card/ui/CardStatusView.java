package cn.healthcard.card.ui;

import cn.healthcard.card.CardStatus;
import cn.healthcard.card.CardStatusQuery;
import cn.healthcard.card.CardStatusQuery.DateField;
import cn.healthcard.card.CardStatusQuery.Ordering;
import cn.healthcard.card.CardStatusQuery.SortField;
import cn.healthcard.card.CardStatusResult;
import cn.healthcard.card.CardStatusRow;
import cn.healthcard.card.CardStatusSearch;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.form.ChineseTexts;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * 卡片状态查询 (APP-13, SEC-02): the current status of the cards within the user's region, filtered by region,
 * institution, status and a period, with exact counts per status for the whole filter and a lazily paged grid.
 * Holders' names are masked; the service checks role and region again.
 */
@Route(value = "cards/status", layout = MainLayout.class)
@RolesAllowed({"AUDITOR", "SUPERVISOR", "ADMIN"})
class CardStatusView extends VerticalLayout implements HasDynamicTitle {

    static final int PAGE_SIZE = 50;

    private final CardStatusSearch search;
    private final boolean english = "en".equals(getLocale().getLanguage());

    private final ComboBox<String> region = new ComboBox<>();
    private final ComboBox<Institution> institution = new ComboBox<>();
    private final MultiSelectComboBox<CardStatus> statuses = new MultiSelectComboBox<>();
    private final Select<DateField> dateField = new Select<>();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());
    private final HorizontalLayout counts = new HorizontalLayout();
    private final Grid<CardStatusRow> grid = new Grid<>();

    CardStatusView(CardStatusSearch search, InstitutionService institutions) {
        this.search = search;
        CurrentUser user = SecurityContextUsers.require();
        setSizeFull();
        add(new H2(getTranslation("cardstatus.title")));

        RegionTable regions = CodeTables.regions();
        region.setLabel(getTranslation("cardstatus.region"));
        region.setPlaceholder(getTranslation("cardstatus.region.all"));
        region.setItems(regions.regions().stream().map(RegionTable.Region::code)
                .filter(code -> user.region().covers(RegionCode.of(code))).toList());
        region.setItemLabelGenerator(code -> regions.fullName(code) + " " + code);
        region.setClearButtonVisible(true);
        region.setWidth("16em");
        region.setId("cardstatus-region");

        institution.setLabel(getTranslation("cardstatus.institution"));
        institution.setPlaceholder(getTranslation("cardstatus.institution.all"));
        institution.setItems(institutions.within(user.region()).stream()
                .sorted(Comparator.comparing(Institution::code)).toList());
        institution.setItemLabelGenerator(Institution::name);
        institution.setClearButtonVisible(true);
        institution.setWidth("18em");
        institution.setId("cardstatus-institution");

        statuses.setLabel(getTranslation("cardstatus.status"));
        statuses.setPlaceholder(getTranslation("cardstatus.status.all"));
        statuses.setItems(CardStatus.values());
        statuses.setItemLabelGenerator(this::statusName);
        statuses.setClearButtonVisible(true);
        statuses.setWidth("16em");
        statuses.setId("cardstatus-status");

        dateField.setLabel(getTranslation("cardstatus.dateField"));
        dateField.setItems(DateField.values());
        dateField.setItemLabelGenerator(f -> english ? f.nameEn() : f.nameZh());
        dateField.setValue(DateField.STATUS_CHANGED);
        dateField.setId("cardstatus-datefield");
        from.setLabel(getTranslation("cardstatus.from"));
        from.setId("cardstatus-from");
        from.setClearButtonVisible(true);
        to.setLabel(getTranslation("cardstatus.to"));
        to.setId("cardstatus-to");
        to.setClearButtonVisible(true);

        var run = new Button(getTranslation("cardstatus.search"), e -> refresh());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("cardstatus-search");
        var filters = new HorizontalLayout(region, institution, statuses, dateField, from, to, run);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);

        counts.setId("cardstatus-counts");
        counts.setWrap(true);
        counts.setAlignItems(FlexComponent.Alignment.CENTER);
        add(counts);

        grid.setId("cardstatus-grid");
        grid.setPageSize(PAGE_SIZE);
        // the card number opens the card's whole history (卡片查询, APP-13)
        grid.addComponentColumn(r -> {
            var link = new Anchor("cards/" + r.cardNo(), r.cardNo());
            link.setId("cardstatus-card-" + r.cardNo());
            return link;
        }).setHeader(getTranslation("cardstatus.col.cardNo")).setSortProperty(SortField.CARD_NO.name())
                .setAutoWidth(true);
        grid.addColumn(r -> statusName(r.status())).setHeader(getTranslation("cardstatus.col.status"))
                .setSortProperty(SortField.STATUS.name()).setAutoWidth(true);
        grid.addColumn(r -> r.holderNameMasked() == null ? "—" : r.holderNameMasked())
                .setHeader(getTranslation("cardstatus.col.holder")).setAutoWidth(true);
        grid.addColumn(CardStatusRow::regionName).setHeader(getTranslation("cardstatus.col.region"))
                .setSortProperty(SortField.REGION.name()).setAutoWidth(true);
        grid.addColumn(CardStatusRow::institutionName).setHeader(getTranslation("cardstatus.col.institution"))
                .setSortProperty(SortField.INSTITUTION.name()).setWidth("14em").setFlexGrow(1);
        grid.addColumn(r -> ChinaTime.minutes(r.issuedAt())).setHeader(getTranslation("cardstatus.col.issuedAt"))
                .setSortProperty(SortField.ISSUED_AT.name()).setAutoWidth(true);
        grid.addColumn(r -> ChinaTime.minutes(r.statusChangedAt()))
                .setHeader(getTranslation("cardstatus.col.statusChangedAt"))
                .setSortProperty(SortField.STATUS_CHANGED_AT.name()).setAutoWidth(true);
        add(grid);
        expand(grid);
        refresh();
    }

    /** Runs the search: counts for the whole filter now, rows page by page as the grid scrolls. */
    private void refresh() {
        clearErrors(region, institution, from, to);
        CardStatusQuery filter = new CardStatusQuery(region.getValue(),
                institution.getValue() == null ? null : institution.getValue().code(), statuses.getValue(),
                dateField.getValue(), from.getValue(), to.getValue(), 0, PAGE_SIZE, null);
        CardStatusResult first;
        try {
            first = search.search(filter);
        } catch (DomainValidationException e) {
            showErrors(e.violations(), Map.of("regionCode", region, "institutionCode", institution, "from", from,
                    "to", to));
            return;
        }
        showCounts(first);
        long total = first.total();
        grid.setItems(q -> search.search(filter.withPage(q.getPage(), q.getPageSize()).withSort(ordering(q
                        .getSortOrders()))).items().stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, total));
    }

    private static Ordering ordering(List<QuerySortOrder> orders) {
        return orders.stream().findFirst()
                .map(o -> new Ordering(SortField.valueOf(o.getSorted()), o.getDirection() == SortDirection.DESCENDING))
                .orElse(null);
    }

    private void showCounts(CardStatusResult result) {
        counts.removeAll();
        var total = badge(getTranslation("cardstatus.total", result.total()), "var(--lumo-primary-color-10pct)",
                "var(--lumo-primary-text-color)");
        total.setId("cardstatus-total");
        counts.add(total);
        result.countsByStatus().forEach((status, n) -> {
            var badge = badge(statusName(status) + " " + n, background(status), "var(--lumo-body-text-color)");
            badge.setId("cardstatus-count-" + status.name());
            counts.add(badge);
        });
    }

    private static Span badge(String text, String background, String color) {
        var span = new Span(text);
        span.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("background", background)
                .set("color", color).set("font-size", "var(--lumo-font-size-s)").set("font-weight", "500");
        return span;
    }

    private static String background(CardStatus status) {
        return switch (status) {
            case ACTIVE -> "var(--lumo-success-color-10pct)";
            case REPORTED_LOST, PIN_LOCKED -> "var(--lumo-error-color-10pct)";
            case READY -> "var(--lumo-primary-color-10pct)";
            case REPLACED, CANCELLED -> "var(--lumo-contrast-10pct)";
        };
    }

    private String statusName(CardStatus status) {
        return english ? status.nameEn() : status.nameZh();
    }

    /** Puts each violation on its field; the rest go to a notification. */
    private static void showErrors(List<FieldViolation> violations, Map<String, HasValidation> fields) {
        violations.stream().filter(v -> fields.containsKey(v.field()))
                .collect(Collectors.groupingBy(FieldViolation::field,
                        Collectors.mapping(FieldViolation::message, Collectors.joining("；"))))
                .forEach((field, message) -> {
                    fields.get(field).setErrorMessage(message);
                    fields.get(field).setInvalid(true);
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

    @Override
    public String getPageTitle() {
        return getTranslation("cardstatus.title") + " · " + getTranslation("app.title");
    }
}
