package cn.healthcard.production.ui;

import cn.healthcard.common.CodeTables;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.ProductionPlans;
import cn.healthcard.production.ProductionPlans.BatchView;
import cn.healthcard.production.ProductionPlans.GroupView;
import cn.healthcard.production.ProductionPlans.PlanView;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * 制卡计划 (APP-08): a centre's supervisor generates a draft plan from the queued orders of her region, reviews its
 * groups (region, maker, count) and may change a group's maker among the eligible ones, submits it or drops it; every
 * plan of the region with its batches (status and counts) and the plan's PDF.
 */
@Route(value = "production/plans", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "CLERK", "AUDITOR"})
class ProductionPlanView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final ProductionPlans plans;
    private final cn.healthcard.production.ProductionPlanDocument documents;
    private final InstitutionService institutions;
    private final java.util.Map<String, String> regionNames = new java.util.HashMap<>();
    private final java.util.Map<String, String> makerNames = new java.util.HashMap<>();
    private final boolean supervisor;
    private final Grid<PlanView> planGrid = new Grid<>();
    private final Grid<GroupView> groupGrid = new Grid<>();
    private final Grid<BatchView> batchGrid = new Grid<>();
    private final H3 detailTitle = new H3();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final ComboBox<String> statusFilter = new ComboBox<>();
    private PlanView selected;

    ProductionPlanView(ProductionPlans plans, cn.healthcard.production.ProductionPlanDocument documents,
                       InstitutionService institutions) {
        this.plans = plans;
        this.institutions = institutions;
        this.documents = documents;
        this.supervisor = SecurityContextUsers.require().has(Role.SUPERVISOR);
        add(new H2(getTranslation("production.plan.title")));
        var generate = new Button(getTranslation("production.plan.generate"), e -> act(() -> {
            PlanView plan = plans.generate();
            refresh();
            show(plan);
            return getTranslation("production.plan.generated", plan.planNo(), plan.cardCount());
        }));
        generate.setId("production-generate");
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        generate.setVisible(supervisor);
        statusFilter.setLabel(getTranslation("production.plan.status"));
        statusFilter.setItems("DRAFT", "SUBMITTED", "DISCARDED");
        statusFilter.setItemLabelGenerator(s -> getTranslation("production.plan.status." + s));
        statusFilter.setClearButtonVisible(true);
        statusFilter.addValueChangeListener(e -> refresh());
        var bar = new HorizontalLayout(generate, statusFilter);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar);

        planGrid.setId("production-plans");
        planGrid.setAllRowsVisible(true);
        planGrid.addColumn(PlanView::planNo).setHeader(getTranslation("production.plan.planNo")).setAutoWidth(true);
        planGrid.addColumn(p -> getTranslation("production.plan.status." + p.status()))
                .setHeader(getTranslation("production.plan.status"));
        planGrid.addComponentColumn(p -> named(regionName(p.regionCode()), p.regionCode()))
                .setHeader(getTranslation("production.region")).setAutoWidth(true);
        planGrid.addColumn(PlanView::cardCount).setHeader(getTranslation("production.cards"));
        planGrid.addColumn(PlanView::createdBy).setHeader(getTranslation("production.plan.createdBy"));
        planGrid.addColumn(p -> TIME.format(p.createdAt())).setHeader(getTranslation("production.plan.createdAt"));
        planGrid.addColumn(p -> p.submittedAt() == null ? "" : p.submittedBy() + " " + TIME.format(p.submittedAt()))
                .setHeader(getTranslation("production.plan.submitted"));
        planGrid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        add(planGrid);

        detailTitle.setId("production-plan-detail");
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        groupGrid.setId("production-groups");
        groupGrid.setAllRowsVisible(true);
        groupGrid.addComponentColumn(g -> named(regionName(g.regionCode()), g.regionCode()))
                .setHeader(getTranslation("production.region")).setAutoWidth(true);
        groupGrid.addComponentColumn(this::makerCell).setHeader(getTranslation("production.maker")).setAutoWidth(true);
        groupGrid.addColumn(GroupView::cardCount).setHeader(getTranslation("production.cards"));
        batchGrid.setId("production-batches");
        batchGrid.setAllRowsVisible(true);
        batchGrid.addColumn(BatchView::batchNo).setHeader(getTranslation("production.batch.batchNo")).setAutoWidth(true);
        batchGrid.addColumn(b -> getTranslation("production.batch.status." + b.status()))
                .setHeader(getTranslation("production.batch.status"));
        batchGrid.addComponentColumn(b -> named(makerName(b.makerCode()), b.makerCode()))
                .setHeader(getTranslation("production.maker")).setAutoWidth(true);
        batchGrid.addComponentColumn(b -> named(regionName(b.regionCode()), b.regionCode()))
                .setHeader(getTranslation("production.region")).setAutoWidth(true);
        batchGrid.addColumn(BatchView::cardCount).setHeader(getTranslation("production.cards"));
        batchGrid.addColumn(b -> b.produced() + " / " + b.failed() + " / " + b.destroyed())
                .setHeader(getTranslation("production.batch.counts"));
        batchGrid.addColumn(BatchView::dataFileName).setHeader(getTranslation("production.batch.file"))
                .setAutoWidth(true);
        add(detailTitle, actions, groupGrid, new H3(getTranslation("production.batch.title")), batchGrid);
        refresh();
        show(null);
    }

    private com.vaadin.flow.component.Component makerCell(GroupView group) {
        if (!supervisor || selected == null || !"DRAFT".equals(selected.status())) {
            return named(makerName(group.makerCode()), group.makerCode());
        }
        var maker = new ComboBox<String>();
        maker.setItems(group.eligibleMakers());
        maker.setItemLabelGenerator(code -> makerName(code) + "（" + code + "）");
        maker.setWidth("22em");
        maker.setValue(group.makerCode());
        maker.setId("production-maker-" + group.regionCode());
        maker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && !e.getValue().equals(group.makerCode())) {
                act(() -> {
                    show(plans.changeMaker(selected.planNo(), selected.version(), group.regionCode(), e.getValue()));
                    return getTranslation("production.plan.makerChanged");
                });
            }
        });
        return maker;
    }

    /** A name with its code in smaller text after it and as the tooltip. */
    private static Span named(String name, String code) {
        if (name == null || name.equals(code)) {
            return new Span(code);
        }
        var small = new Span(code);
        small.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
                .set("margin-inline-start", "0.4em");
        var cell = new Span(new Text(name), small);
        cell.getElement().setAttribute("title", code);
        return cell;
    }

    /** The region's name from the region table (GB/T 2260), e.g. 内蒙古自治区呼和浩特市新城区. */
    private String regionName(String code) {
        return regionNames.computeIfAbsent(code, c -> CodeTables.regions().contains(c)
                ? CodeTables.regions().fullName(c) : c);
    }

    /** The maker's name from the institution register. */
    private String makerName(String code) {
        return makerNames.computeIfAbsent(code, c -> {
            try {
                return institutions.get(c).name();
            } catch (NotFoundException e) {
                return c;
            }
        });
    }

    private void show(PlanView plan) {
        selected = plan;
        actions.removeAll();
        boolean visible = plan != null;
        detailTitle.setVisible(visible);
        groupGrid.setVisible(visible);
        if (!visible) {
            groupGrid.setItems(List.of());
            batchGrid.setItems(plans.batches(null, null, null, null, null, null, null));
            return;
        }
        detailTitle.setText(getTranslation("production.plan.detail", plan.planNo(),
                getTranslation("production.plan.status." + plan.status()), plan.cardCount()));
        groupGrid.setItems(plan.groups());
        batchGrid.setItems(plans.batches(plan.planNo(), null, null, null, null, null, null));
        if (supervisor && "DRAFT".equals(plan.status())) {
            var submit = new Button(getTranslation("production.plan.submit"), e -> act(() -> {
                PlanView done = plans.submit(plan.planNo(), plan.version());
                refresh();
                show(done);
                return getTranslation("production.plan.submitted.ok", done.planNo());
            }));
            submit.setId("production-submit");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            var discard = new Button(getTranslation("production.plan.discard"), e -> act(() -> {
                plans.discard(plan.planNo(), plan.version());
                refresh();
                show(null);
                return getTranslation("production.plan.discarded");
            }));
            discard.setId("production-discard");
            discard.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(submit, discard);
        }
        var pdf = new Anchor(new com.vaadin.flow.server.StreamResource(plan.planNo() + ".pdf",
                () -> new java.io.ByteArrayInputStream(documents.pdf(plan.planNo()))),
                getTranslation("production.plan.pdf"));
        pdf.getElement().setAttribute("download", true);
        pdf.setId("production-plan-pdf");
        actions.add(pdf);
    }

    private void refresh() {
        planGrid.setItems(plans.plans(statusFilter.getValue(), null, null));
    }

    private void act(Supplier<String> action) {
        try {
            String message = action.get();
            Notification.show(message, 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainValidationException ex) {
            error(String.join("；", ex.violations().stream().map(FieldViolation::message).toList()));
        } catch (ConflictException | AccessDeniedException | NotFoundException ex) {
            error(ex.getMessage());
            refresh();
        }
    }

    private void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("production.plan.title") + " · " + getTranslation("app.title");
    }
}
