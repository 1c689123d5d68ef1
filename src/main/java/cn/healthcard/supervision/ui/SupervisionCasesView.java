package cn.healthcard.supervision.ui;

import cn.healthcard.card.CardStatus;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.issuance.ApplicationStatus;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.CaseCount;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.supervision.export.ExportBar;
import cn.healthcard.supervision.export.ExportScreen;
import cn.healthcard.supervision.export.SupervisionExports;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The cases, cards or rows behind one number of a supervision chart (drill-down): a lazy list over
 * {@link SupervisionStatistics#cases}, names masked, with the columns of the measure's kind of row (decision 039). The
 * rows are counted once per address and only up to {@link CaseCount#CAP} (shown as "more than 10,000"). The address's values are validated again ({@link CaseQuery})
 * and the service checks them once more against the caller's scope; a value that fails shows an error and no data.
 */
@Route(value = "supervision/cases", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "AUDITOR", "ADMIN"})
class SupervisionCasesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String MEASURE = "measure";
    static final String FROM = "from";
    static final String TO = "to";
    static final String REGION = "region";
    static final String INSTITUTION = "institution";
    static final String MAKER = "maker";
    static final String SCENARIO = "scenario";
    static final String STATUS = "status";
    static final String REQUEST_TYPE = "requestType";
    /** Rows per page; the service allows up to 200. */
    static final int PAGE = 50;

    private final SupervisionStatistics statistics;
    private final Span summary = new Span();
    private final Span error = new Span();
    private final Grid<CaseRow> grid = new Grid<>();
    private final ExportBar export;
    /** The validated address shown, which the export lists; {@code null} while none is. */
    private CaseQuery shown;

    SupervisionCasesView(SupervisionStatistics statistics, SupervisionExports exports) {
        this.statistics = statistics;
        this.export = new ExportBar(exports, ExportScreen.CASES, () -> shown.filter(), null)
                .withMeasure(() -> shown.measure());
        setSizeFull();
        add(new H2(getTranslation("supervision.cases.title")));
        summary.setId("cases-summary");
        error.setId("cases-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        grid.setId("cases-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPageSize(PAGE);
        export.setVisible(false);
        add(summary, error, export, grid);
        setFlexGrow(1, grid);
    }

    /** The columns of a kind's rows, in order (decision 039); each header is the kind's own word for the field. */
    private static List<String> fields(String kind) {
        return switch (kind) {
            case "DONE_TASK" -> List.of("caseNo", "region", "institution", "name", "status", "date", "quantity");
            case "RESULT" -> List.of("caseNo", "detail", "region", "institution", "name", "status", "date");
            case "USE" -> List.of("caseNo", "name", "region", "institution", "status", "date");
            case "VERIFICATION_COUNT" -> List.of("caseNo", "region", "institution", "status", "date", "quantity",
                    "detail");
            case "REQUEST" -> List.of("caseNo", "detail", "region", "institution", "name", "status", "date");
            case "SAM" -> List.of("caseNo", "region", "institution", "status", "date", "detail");
            case "FILING" -> List.of("caseNo", "detail", "institution", "status", "date");
            case "INSTITUTION" -> List.of("caseNo", "detail", "region", "status", "date");
            default -> List.of("caseNo", "region", "institution", "name", "status", "date");
        };
    }

    private void columns(String kind) {
        grid.removeAllColumns();
        for (String field : fields(kind)) {
            ValueProvider<CaseRow, ?> value = switch (field) {
                case "caseNo" -> CaseRow::caseNo;
                case "region" -> r -> SupervisionScreen.regionName(r.regionCode());
                case "institution" -> r -> ScreenNotices.orDash(r.institutionCode());
                case "name" -> r -> ScreenNotices.orDash(r.maskedName());
                case "status" -> r -> status(r.kind(), r.status());
                case "date" -> r -> ScreenNotices.orDash(r.date());
                case "quantity" -> r -> r.quantity() == null ? "—" : r.quantity().toString();
                default -> r -> r.kind().equals("REQUEST") ? requestType(r.detail()) : ScreenNotices.orDash(r.detail());
            };
            String header = field.equals("region") ? getTranslation("supervision.region")
                    : getTranslation("supervision.cases.col." + field + "." + kind);
            grid.addColumn(value).setHeader(header).setAutoWidth(true).setKey(field);
        }
    }

    /** A status in words: an application's, a card's or a request's by its enum; a task's is its name already. */
    private String status(String kind, String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        boolean en = ScreenNotices.english(getLocale());
        try {
            return switch (kind) {
                case "APPLICATION" -> en ? ApplicationStatus.valueOf(status).nameEn()
                        : ApplicationStatus.valueOf(status).nameZh();
                case "CARD" -> en ? CardStatus.valueOf(status).nameEn() : CardStatus.valueOf(status).nameZh();
                case "REQUEST" -> en ? RequestStatus.valueOf(status).nameEn() : RequestStatus.valueOf(status).nameZh();
                case "USE", "VERIFICATION_COUNT" -> stage(status);
                case "SAM" -> word("supervision.samState.", status);
                case "FILING" -> en ? FilingStatus.valueOf(status).nameEn() : FilingStatus.valueOf(status).nameZh();
                case "INSTITUTION" -> en ? InstitutionKind.valueOf(status).nameEn()
                        : InstitutionKind.valueOf(status).nameZh();
                default -> status;
            };
        } catch (IllegalArgumentException unknown) {
            return status;
        }
    }

    /** A usage stage in words, its code when there is no word for it. */
    private String stage(String code) {
        return word("supervision.stage.", code);
    }

    private String word(String prefix, String code) {
        String text = getTranslation(prefix + code);
        return text.startsWith("!") ? code : text;
    }

    /** A request type in words (the REQUEST kind's detail). */
    private String requestType(String code) {
        try {
            return ScreenNotices.english(getLocale()) ? RequestType.valueOf(code).nameEn()
                    : RequestType.valueOf(code).nameZh();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return ScreenNotices.orDash(code);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("supervision.cases.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CaseQuery query = CaseQuery.parse(event.getLocation().getQueryParameters().getParameters(),
                SecurityContextUsers.require());
        grid.setItems(List.of());
        shown = null;
        export.setVisible(false);
        if (!query.valid()) {
            String message = query.errors().stream().map(this::getTranslation).collect(Collectors.joining("；"));
            error.setText(message);
            summary.setText("");
            ScreenNotices.error(message);
            return;
        }
        // counted once per address, up to the cap (decision 039): the pages are fetched without counting again
        CaseCount[] total = {null};
        boolean ok = ScreenNotices.attempt(() -> total[0] = statistics.countCasesCapped(query.measure(),
                query.filter()));
        if (!ok) {
            error.setText(getTranslation("supervision.cases.refused"));
            summary.setText("");
            return;
        }
        error.setText("");
        shown = query;
        export.setVisible(true);
        columns(query.measure().caseKind());
        var f = query.filter();
        CaseCount count = total[0];
        summary.setText(getTranslation("supervision.cases.summary",
                getTranslation("supervision.measure." + query.measure().name()), f.from(), f.to(),
                f.regionCode() == null ? getTranslation("supervision.region.own")
                        : SupervisionScreen.regionName(f.regionCode()),
                count.capped() ? getTranslation("supervision.cases.totalCapped", CaseCount.CAP)
                        // a counter's list counts its rows, not the verifications its bar sums: said so
                        : getTranslation(query.measure().caseKind().equals("VERIFICATION_COUNT")
                                ? "supervision.cases.total.counter" : "supervision.cases.total", count.count())));
        CallbackDataProvider.FetchCallback<CaseRow, Void> pages =
                // a list above the cap is scrolled up to the cap, no further (the export reads more)
                q -> q.getOffset() >= CaseCount.CAP ? java.util.stream.Stream.empty()
                        : statistics.cases(query.measure(), f, q.getPage(), q.getPageSize()).stream();
        if (count.capped()) {
            grid.setItems(pages); // more than the cap: scrolled without a total
        } else {
            grid.setItems(pages, q -> (int) count.count());
        }
    }
}
