package cn.healthcard.sam.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.sam.SamBindingService;
import cn.healthcard.sam.SamBindingView;
import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamCaseService;
import cn.healthcard.sam.SamCaseView;
import cn.healthcard.sam.SamPage;
import cn.healthcard.sam.SamQuery;
import cn.healthcard.sam.SamRegister;
import cn.healthcard.sam.SamStatus;
import cn.healthcard.sam.TerminalType;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 「SAM卡」 (SAM-02, SAM-03): the register within the user's region by number, status, place and institution; a
 * card's binding and history; a centre clerk binds, rebinds and unbinds and requests a freeze, unfreeze or cancel.
 */
@Route(value = "sam", layout = MainLayout.class)
@RolesAllowed({"CLERK", "SUPERVISOR", "WAREHOUSE", "AUDITOR", "ADMIN"})
class SamCardsView extends VerticalLayout implements HasDynamicTitle {

    static final int PAGE = 50;

    private final SamRegister register;
    private final SamBindingService bindings;
    private final SamCaseService cases;
    private final InstitutionService institutions;
    /** Institution names of the codes on screen (filled as rows are shown; a code not registered shows as itself). */
    private final Map<String, String> names = new HashMap<>();
    private final TextField samNo = new TextField();
    private final ComboBox<SamStatus> status = new ComboBox<>();
    private final TextField place = new TextField();
    private final TextField institution = new TextField();
    private final Grid<SamCardView> grid = new Grid<>();
    private final Span total = new Span();
    private final VerticalLayout details = new VerticalLayout();
    private int page;

    SamCardsView(SamRegister register, SamBindingService bindings, SamCaseService cases,
                 InstitutionService institutions) {
        this.register = register;
        this.institutions = institutions;
        this.bindings = bindings;
        this.cases = cases;
        add(new H2(getTranslation("sam.title")));
        samNo.setLabel(getTranslation("sam.samNo"));
        samNo.setId("sam-filter-no");
        samNo.setMaxLength(32);
        status.setLabel(getTranslation("sam.status"));
        status.setId("sam-filter-status");
        status.setItems(SamStatus.values());
        status.setItemLabelGenerator(SamStatus::nameZh);
        status.setClearButtonVisible(true);
        place.setLabel(getTranslation("sam.place"));
        place.setId("sam-filter-place");
        institution.setLabel(getTranslation("sam.institution"));
        institution.setId("sam-filter-institution");
        var search = new Button(getTranslation("sam.search"), e -> {
            page = 0;
            refresh();
        });
        search.setId("sam-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var bar = new HorizontalLayout(samNo, status, place, institution, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        add(bar);
        grid.setId("sam-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(SamCardView::samNo).setHeader(getTranslation("sam.samNo")).setAutoWidth(true);
        grid.addColumn(c -> c.status().nameZh()).setHeader(getTranslation("sam.status"));
        grid.addColumn(new ComponentRenderer<>(c -> institution(c.placeCode()))).setHeader(getTranslation("sam.place"))
                .setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(c -> institution(c.institutionCode())))
                .setHeader(getTranslation("sam.institution")).setAutoWidth(true);
        grid.addColumn(c -> c.terminalType() == null ? "" : c.terminalType().nameZh())
                .setHeader(getTranslation("sam.terminalType"));
        grid.addColumn(c -> c.terminalNo() == null ? "" : c.terminalNo()).setHeader(getTranslation("sam.terminalNo"))
                .setAutoWidth(true);
        grid.addColumn(SamCardView::batchNo).setHeader(getTranslation("sam.batch"));
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        var previous = new Button(getTranslation("sam.previous"), e -> {
            page = Math.max(0, page - 1);
            refresh();
        });
        var next = new Button(getTranslation("sam.next"), e -> {
            page++;
            refresh();
        });
        add(grid, new HorizontalLayout(previous, next, total), details);
        refresh();
    }

    private void refresh() {
        SamPage found = register.query(new SamQuery(ScreenNotices.blankToNull(samNo.getValue()), status.getValue(),
                ScreenNotices.blankToNull(place.getValue()), ScreenNotices.blankToNull(institution.getValue())), page, PAGE);
        grid.setItems(found.items());
        total.setText(getTranslation("sam.total", found.total(), page + 1));
        details.removeAll();
    }

    /** An institution by its name, its code on hover (empty when there is none). */
    private Span institution(String code) {
        Span name = new Span(code == null ? "" : names.computeIfAbsent(code, this::nameOf));
        if (code != null) {
            name.getElement().setAttribute("title", code);
        }
        return name;
    }

    private String nameOf(String code) {
        try {
            return institutions.get(code).name();
        } catch (NotFoundException e) {
            return code;
        }
    }

    private void show(SamCardView card) {
        details.removeAll();
        if (card == null) {
            return;
        }
        details.setId("sam-details");
        details.add(new H3(getTranslation("sam.card", card.samNo(), card.status().nameZh())));
        var me = SecurityContextUsers.require();
        if (me.has(Role.CLERK) && card.status() != SamStatus.CANCELLED) {
            details.add(bindBar(card));
            var request = new Button(getTranslation("sam.request"), e -> getUI().ifPresent(ui -> ui.navigate(
                    "sam/request", com.vaadin.flow.router.QueryParameters.of("sam", card.samNo()))));
            request.setId("sam-request");
            details.add(request);
        }
        Grid<SamBindingView> history = new Grid<>();
        history.setAllRowsVisible(true);
        history.addColumn(b -> getTranslation("sam.binding." + b.action())).setHeader(getTranslation("sam.history.action"));
        history.addColumn(new ComponentRenderer<>(b -> institution(b.institutionCode())))
                .setHeader(getTranslation("sam.institution"));
        history.addColumn(b -> b.terminalType().nameZh()).setHeader(getTranslation("sam.terminalType"));
        history.addColumn(SamBindingView::terminalNo).setHeader(getTranslation("sam.terminalNo"));
        history.addColumn(b -> b.reason() == null ? "" : b.reason()).setHeader(getTranslation("sam.reason"));
        history.addColumn(SamBindingView::doneBy).setHeader(getTranslation("sam.history.by"));
        history.addColumn(b -> ChinaTime.minutes(b.doneAt())).setHeader(getTranslation("sam.history.at"));
        history.setItems(register.bindings(card.samNo()));
        Grid<SamCaseView> caseGrid = new Grid<>();
        caseGrid.setAllRowsVisible(true);
        caseGrid.addColumn(SamCaseView::caseNo).setHeader(getTranslation("sam.case.no")).setAutoWidth(true);
        caseGrid.addColumn(c -> c.action().nameZh() + (c.urgent() ? "（紧急）" : "")).setHeader(getTranslation("sam.case.action"));
        caseGrid.addColumn(c -> getTranslation("sam.case.status." + c.status())).setHeader(getTranslation("sam.status"));
        caseGrid.addColumn(SamCaseView::reason).setHeader(getTranslation("sam.reason"));
        List<SamCaseView> list = cases.casesOf(card.samNo());
        caseGrid.setItems(list);
        details.add(new H3(getTranslation("sam.history")), history, new H3(getTranslation("sam.cases")), caseGrid);
    }

    private HorizontalLayout bindBar(SamCardView card) {
        var institutionCode = new TextField(getTranslation("sam.institution"));
        institutionCode.setId("sam-bind-institution");
        var type = new ComboBox<TerminalType>(getTranslation("sam.terminalType"));
        type.setId("sam-bind-type");
        type.setItems(TerminalType.values());
        type.setItemLabelGenerator(TerminalType::nameZh);
        var terminal = new TextField(getTranslation("sam.terminalNo"));
        terminal.setId("sam-bind-terminal");
        var reason = new TextField(getTranslation("sam.reason"));
        reason.setId("sam-bind-reason");
        reason.setMaxLength(200);
        var bind = new Button(card.terminalNo() == null ? getTranslation("sam.bind") : getTranslation("sam.rebind"),
                e -> {
                    var binding = new SamBindingService.Binding(institutionCode.getValue(), type.getValue(),
                            terminal.getValue());
                    if (ScreenNotices.attempt(() -> {
                        if (card.terminalNo() == null) {
                            bindings.bind(card.samNo(), binding, card.version());
                        } else {
                            bindings.rebind(card.samNo(), binding, reason.getValue(), card.version());
                        }
                    })) {
                        ScreenNotices.ok(getTranslation("sam.saved"));
                        refresh();
                    }
                });
        bind.setId("sam-bind");
        var unbind = new Button(getTranslation("sam.unbind"), e -> {
            if (ScreenNotices.attempt(() -> bindings.unbind(card.samNo(), reason.getValue(), card.version()))) {
                ScreenNotices.ok(getTranslation("sam.saved"));
                refresh();
            }
        });
        unbind.setId("sam-unbind");
        unbind.setEnabled(card.terminalNo() != null);
        var bar = new HorizontalLayout(institutionCode, type, terminal, reason, bind, unbind);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sam.title") + " · " + getTranslation("app.title");
    }
}
