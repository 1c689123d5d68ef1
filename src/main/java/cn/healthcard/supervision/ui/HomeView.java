package cn.healthcard.supervision.ui;

import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.Dashboard;
import cn.healthcard.supervision.SupervisionStatistics;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * The home page. Supervisors, auditors and administrators see the key figures of their scope (today's applications,
 * reviews waiting, overdue tasks, open incidents, cards lost this week). A tile links to the screen that shows its
 * number; reviews waiting and cards lost this week have no such screen (the inbox is personal, the overview has no
 * weekly losses), so those tiles are plain figures, as is incidents for a non-administrator. Everyone else
 * (clerks, key administrators, warehouse and production staff) is forwarded to the task inbox, as before.
 */
@Route(value = "", layout = MainLayout.class)
@PermitAll
class HomeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SupervisionStatistics statistics;
    private final FlexLayout tiles = new FlexLayout();

    HomeView(SupervisionStatistics statistics) {
        this.statistics = statistics;
        add(new H2(getTranslation("supervision.home.title")));
        tiles.setId("home-tiles");
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.getStyle().set("gap", "var(--lumo-space-m)");
        add(tiles);
    }

    /** Whether the user's home is the dashboard rather than the inbox. */
    static boolean seesDashboard(CurrentUser user) {
        return user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("supervision.home.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CurrentUser user = SecurityContextUsers.require();
        if (!seesDashboard(user)) {
            event.forwardTo("inbox");
            return;
        }
        tiles.removeAll();
        ScreenNotices.attempt(() -> {
            Dashboard d = statistics.dashboard();
            tiles.add(tile("today-applications", d.todayApplications(), "supervision/issuing"),
                    tile("waiting-reviews", d.waitingReviews(), null),
                    tile("overdue-tasks", d.overdueTasks(), "supervision/assessment"),
                    tile("open-incidents", d.openIncidents(), user.has(Role.ADMIN) ? "admin/incidents" : null),
                    tile("lost-this-week", d.lostThisWeek(), null));
        });
    }

    private Component tile(String key, long value, String route) {
        var number = new Span(Long.toString(value));
        number.setId("tile-" + key + "-count");
        number.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "600");
        var caption = new Span(getTranslation("supervision.home." + key));
        caption.getStyle().set("color", "var(--lumo-secondary-text-color)");
        var body = new Div(number, new Div(caption));
        Component tile;
        if (route != null) {
            var link = new Anchor(route, body);
            link.getStyle().set("text-decoration", "none").set("color", "inherit");
            tile = link;
        } else {
            tile = body;
        }
        var box = new Div(tile);
        box.setId("tile-" + key);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m) var(--lumo-space-l)").set("min-width", "11em")
                .set("background", "var(--lumo-base-color)");
        return box;
    }
}
