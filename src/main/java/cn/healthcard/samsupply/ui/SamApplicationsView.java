package cn.healthcard.samsupply.ui;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.samsupply.SamApplicationData;
import cn.healthcard.samsupply.SamApplicationService;
import cn.healthcard.samsupply.SamApplicationView;
import cn.healthcard.samsupply.SamPlanView;
import cn.healthcard.samsupply.SamPlanningService;
import cn.healthcard.samsupply.SamReportView;
import cn.healthcard.samsupply.SamTerminalType;
import cn.healthcard.security.CurrentUser;
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
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;

/**
 * 「SAM卡申领」 (SAM-01): a city centre's clerk registers applications; the list of applications within the caller's
 * region; a provincial supervisor reports approved ones upward; a national supervisor makes the production plan from
 * reports and orders it from a filed SAM maker. The review itself is a task in the inbox.
 */
@Route(value = "sam/applications", layout = MainLayout.class)
@RolesAllowed({"CLERK", "SUPERVISOR", "WAREHOUSE", "AUDITOR", "ADMIN"})
class SamApplicationsView extends VerticalLayout implements HasDynamicTitle {

    private final SamApplicationService applications;
    private final SamPlanningService planning;
    private final boolean en;
    private final Grid<SamApplicationView> grid = new Grid<>();
    private final Grid<SamReportView> reports = new Grid<>();
    private final Grid<SamPlanView> plans = new Grid<>();

    SamApplicationsView(SamApplicationService applications, SamPlanningService planning) {
        this.applications = applications;
        this.planning = planning;
        this.en = ScreenNotices.english(getLocale());
        CurrentUser me = SecurityContextUsers.require();
        setWidthFull();
        add(new H2(getTranslation("samsupply.applications.title")));
        if (me.has(Role.CLERK)) {
            add(registration());
        }
        add(new H3(getTranslation("samsupply.applications.list")));
        grid.setId("sam-applications");
        grid.addColumn(SamApplicationView::applicationNo).setHeader(getTranslation("samsupply.applicationNo"))
                .setAutoWidth(true);
        grid.addColumn(a -> a.institutionName() + "（" + a.institutionCode() + "）")
                .setHeader(getTranslation("samsupply.institution")).setAutoWidth(true);
        grid.addColumn(a -> en ? a.terminalType().name() : a.terminalType().nameZh())
                .setHeader(getTranslation("samsupply.terminalType")).setAutoWidth(true);
        grid.addColumn(SamApplicationView::quantity).setHeader(getTranslation("samsupply.quantity"));
        grid.addColumn(a -> en ? a.status().name() : a.status().nameZh()).setHeader(getTranslation("samsupply.status"))
                .setAutoWidth(true);
        grid.addColumn(a -> ScreenNotices.orDash(a.reportNo())).setHeader(getTranslation("samsupply.reportNo")).setAutoWidth(true);
        grid.addColumn(a -> ScreenNotices.orDash(a.planNo())).setHeader(getTranslation("samsupply.planNo")).setAutoWidth(true);
        grid.addColumn(a -> a.madeCount() + a.failedCount() == 0 ? "—" : a.madeCount() + " / " + a.failedCount())
                .setHeader(getTranslation("samsupply.madeFailed"));
        grid.addColumn(a -> ScreenNotices.time(a.createdAt())).setHeader(getTranslation("samsupply.createdAt")).setAutoWidth(true);
        grid.setHeight("320px");
        add(grid);
        boolean province = me.has(Role.SUPERVISOR) && me.region().level() == RegionCode.Level.PROVINCE;
        boolean national = me.has(Role.SUPERVISOR) && me.region().level() == RegionCode.Level.NATIONAL;
        if (province) {
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            Button report = new Button(getTranslation("samsupply.report"), e -> {
                var nos = grid.getSelectedItems().stream().map(SamApplicationView::applicationNo).toList();
                if (ScreenNotices.attempt(() -> ScreenNotices.ok(getTranslation("samsupply.reported",
                        planning.report(new ArrayList<>(nos)).reportNo())))) {
                    refresh();
                }
            });
            report.setId("sam-report");
            report.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(report);
        }
        add(new H3(getTranslation("samsupply.reports")));
        reports.setId("sam-reports");
        reports.addColumn(SamReportView::reportNo).setHeader(getTranslation("samsupply.reportNo")).setAutoWidth(true);
        reports.addColumn(SamReportView::provinceCode).setHeader(getTranslation("samsupply.region"));
        reports.addColumn(SamReportView::applicationCount).setHeader(getTranslation("samsupply.applicationCount"));
        reports.addColumn(SamReportView::totalQuantity).setHeader(getTranslation("samsupply.quantity"));
        reports.addColumn(r -> ScreenNotices.orDash(r.planNo())).setHeader(getTranslation("samsupply.planNo")).setAutoWidth(true);
        reports.setHeight("220px");
        add(reports);
        if (national) {
            reports.setSelectionMode(Grid.SelectionMode.MULTI);
            ComboBox<InstitutionDetails> maker = new ComboBox<>(getTranslation("samsupply.maker"));
            maker.setId("sam-maker");
            maker.setItems(planning.filedMakers());
            maker.setItemLabelGenerator(m -> m.name() + "（" + m.code() + "，" + m.creditCode() + "）");
            maker.setWidth("420px");
            Button plan = new Button(getTranslation("samsupply.plan"), e -> {
                var nos = reports.getSelectedItems().stream().map(SamReportView::reportNo).toList();
                if (ScreenNotices.attempt(() -> ScreenNotices.ok(getTranslation("samsupply.planned", planning.plan(new ArrayList<>(nos),
                        maker.getValue() == null ? null : maker.getValue().code()).planNo())))) {
                    refresh();
                }
            });
            plan.setId("sam-plan");
            plan.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout row = new HorizontalLayout(maker, plan);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(row);
        }
        add(new H3(getTranslation("samsupply.plans")));
        plans.setId("sam-plans");
        plans.addColumn(SamPlanView::planNo).setHeader(getTranslation("samsupply.planNo")).setAutoWidth(true);
        plans.addColumn(p -> p.makerName() + "（" + p.makerCreditCode() + "）").setHeader(getTranslation("samsupply.maker"))
                .setAutoWidth(true);
        plans.addColumn(SamPlanView::totalQuantity).setHeader(getTranslation("samsupply.quantity"));
        plans.addColumn(p -> p.orders().stream().mapToInt(SamPlanView.Order::madeCount).sum() + " / "
                + p.orders().stream().mapToInt(SamPlanView.Order::failedCount).sum())
                .setHeader(getTranslation("samsupply.madeFailed"));
        plans.addColumn(SamPlanView::status).setHeader(getTranslation("samsupply.status"));
        plans.setHeight("200px");
        add(plans);
        refresh();
    }

    private VerticalLayout registration() {
        TextField institution = new TextField(getTranslation("samsupply.institutionCode"));
        institution.setId("sam-institution");
        institution.setMaxLength(32);
        Select<SamTerminalType> type = new Select<>();
        type.setLabel(getTranslation("samsupply.terminalType"));
        type.setId("sam-terminal-type");
        type.setItems(SamTerminalType.values());
        type.setItemLabelGenerator(t -> en ? t.name() : t.nameZh());
        IntegerField quantity = new IntegerField(getTranslation("samsupply.quantity"));
        quantity.setId("sam-quantity");
        quantity.setMin(1);
        quantity.setMax(1000);
        TextArea reason = new TextArea(getTranslation("samsupply.reason"));
        reason.setId("sam-reason");
        reason.setMaxLength(200);
        reason.setWidth("420px");
        Button register = new Button(getTranslation("samsupply.register"), e -> {
            if (ScreenNotices.attempt(() -> ScreenNotices.ok(getTranslation("samsupply.registered", applications.register(
                    new SamApplicationData(institution.getValue(), type.getValue(), quantity.getValue(),
                            reason.getValue())).applicationNo())))) {
                reason.clear();
                quantity.clear();
                refresh();
            }
        });
        register.setId("sam-register");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout fields = new HorizontalLayout(institution, type, quantity, reason, register);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        fields.setWrap(true);
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("samsupply.register.title")), fields);
        box.setPadding(false);
        return box;
    }

    private void refresh() {
        grid.setItems(applications.list(null, 200));
        grid.deselectAll();
        reports.setItems(planning.reports(100));
        reports.deselectAll();
        plans.setItems(planning.plans(50));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("samsupply.applications.title") + " · " + getTranslation("app.title");
    }
}
