package cn.healthcard.workflow.ui;

import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.IncidentService;
import cn.healthcard.workflow.IncidentService.IncidentView;
import cn.healthcard.common.ChinaTime;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;


/** Failed process steps (incidents) with a retry button, for admins. Cockpit shows the same in depth. */
@Route(value = "admin/incidents", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class IncidentsView extends VerticalLayout {


    private final IncidentService incidents;
    private final Grid<IncidentView> grid = new Grid<>();

    IncidentsView(IncidentService incidents) {
        this.incidents = incidents;
        setSizeFull();
        add(new H2(getTranslation("incidents.title")));
        grid.setId("incidents-grid");
        grid.addColumn(i -> ChinaTime.seconds(i.at())).setHeader(getTranslation("incidents.col.at")).setAutoWidth(true);
        grid.addColumn(IncidentView::businessKey).setHeader(getTranslation("incidents.col.case")).setAutoWidth(true);
        grid.addColumn(IncidentView::activityId).setHeader(getTranslation("incidents.col.step")).setAutoWidth(true);
        grid.addColumn(IncidentView::message).setHeader(getTranslation("incidents.col.message")).setFlexGrow(1);
        grid.addComponentColumn(i -> new Button(getTranslation("incidents.retry"), e -> {
            incidents.retry(i.id());
            Notification.show(getTranslation("incidents.retried"));
            refresh();
        })).setAutoWidth(true);
        add(grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(incidents.open());
    }
}
