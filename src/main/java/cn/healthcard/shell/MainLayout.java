package cn.healthcard.shell;

import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;

import java.util.stream.Collectors;

/**
 * The frame of every screen (also the automatic layout of routes that name none, e.g. the security module's screens,
 * which cannot name this class: shell depends on security): title, who is signed in (institution, roles), language switch, sign-out, and the
 * navigation, filtered by role. Routes are named by path, so this module depends on no feature.
 */
@com.vaadin.flow.router.Layout
@jakarta.annotation.security.PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        CurrentUser user = SecurityContextUsers.require();
        var title = new H1(getTranslation("app.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        var who = new Span(user.displayName() + " · " + user.roles().stream()
                .map(r -> isEnglish() ? r.nameEn() : r.nameZh()).collect(Collectors.joining("/")));
        who.setId("current-user");
        who.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");

        var language = new Button(isEnglish() ? "中文" : "English", e -> {
            VaadinSession.getCurrent().setAttribute(UiSetup.SESSION_LOCALE,
                    isEnglish() ? Translations.CHINESE : Translations.ENGLISH);
            UI.getCurrent().getPage().reload();
        });
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.setId("switch-language");
        var logout = new Button(getTranslation("nav.logout"), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");

        var password = new Button(getTranslation("users.nav.password"), e -> UI.getCurrent().navigate("password"));
        password.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        password.setId("change-own-password");

        var header = new HorizontalLayout(new DrawerToggle(), title, who, language, password, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(header);

        var nav = new SideNav();
        // supervision and statistics (issue #16): the home dashboard and the screens of SUP-01..04, STAT-01, LC-07, SAM-05
        if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("supervision.nav.home"), "", VaadinIcon.DASHBOARD.create()));
        }
        nav.addItem(new SideNavItem(getTranslation("nav.inbox"), "inbox", VaadinIcon.INBOX.create()));
        if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            var supervision = new SideNavItem(getTranslation("supervision.nav"), "supervision/issuing",
                    VaadinIcon.BAR_CHART.create());
            supervision.setId("nav-supervision");
            supervision.addItem(new SideNavItem(getTranslation("supervision.production.title"), "supervision/production"));
            supervision.addItem(new SideNavItem(getTranslation("supervision.issuing.title"), "supervision/issuing"));
            supervision.addItem(new SideNavItem(getTranslation("supervision.usage.title"), "supervision/usage"));
            supervision.addItem(new SideNavItem(getTranslation("supervision.assessment.title"), "supervision/assessment"));
            supervision.addItem(new SideNavItem(getTranslation("supervision.overview.title"), "statistics/overview"));
            supervision.addItem(new SideNavItem(getTranslation("nav.statistics"), "statistics/card-requests"));
            supervision.addItem(new SideNavItem(getTranslation("samsupply.nav.supervision"), "sam/supervision"));
            supervision.addItem(new SideNavItem(getTranslation("sam.usage.title"), "sam/statistics"));
            // monthly reports (decision 037)
            supervision.addItem(new SideNavItem(getTranslation("nav.monthlyReports"), "supervision/monthly-reports"));
            // the user's own exports (decision 038)
            supervision.addItem(new SideNavItem(getTranslation("supervision.export.jobs.title"), "supervision/exports"));
            supervision.setExpanded(true);
            nav.addItem(supervision);
        }
        if (user.has(Role.CLERK)) {
            nav.addItem(new SideNavItem(getTranslation("nav.newApplication"), "applications/new",
                    VaadinIcon.PLUS_CIRCLE.create()));
        }
        nav.addItem(new SideNavItem(getTranslation("nav.applications"), "applications", VaadinIcon.SEARCH.create()));
        if (user.has(Role.CLERK)) {
            var requests = new SideNavItem(getTranslation("nav.cardRequests"));
            requests.setPrefixComponent(VaadinIcon.CREDIT_CARD.create());
            for (String key : new String[]{"loss-report", "unloss", "unlock", "replacement", "cancellation"}) {
                requests.addItem(new SideNavItem(getTranslation("nav.request." + key), "card-requests/new/" + key));
            }
            requests.setExpanded(true);
            nav.addItem(requests);
        }
        nav.addItem(new SideNavItem(getTranslation("nav.cards"), "cards", VaadinIcon.CREDIT_CARD.create()));
        if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR)) {
            nav.addItem(new SideNavItem(getTranslation("ehc.nav"), "ehc", VaadinIcon.QRCODE.create()));
        }
        if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("cardstatus.title"), "cards/status",
                    VaadinIcon.TABLE.create()));
            nav.addItem(new SideNavItem(getTranslation("nav.blacklist"), "blacklist", VaadinIcon.BAN.create()));
        }
        if (user.has(Role.ADMIN) || user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("inst.nav"), "institutions", VaadinIcon.OFFICE.create()));
        }
        // card production (issue #13, decision 027): plans and batches; error records per card
        if (user.has(Role.SUPERVISOR) || user.has(Role.CLERK) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("nav.production"), "production/plans",
                    VaadinIcon.FACTORY.create()));
        }
        if (user.has(Role.SUPERVISOR) || user.has(Role.CLERK)) {
            nav.addItem(new SideNavItem(getTranslation("nav.productionErrors"), "production/errors",
                    VaadinIcon.EXCLAMATION_CIRCLE_O.create()));
        }
        if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("nav.audit"), "audit", VaadinIcon.SEARCH_MINUS.create()));
        }
        if (user.has(Role.KEY_ADMIN) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("keys.nav"), "keys", VaadinIcon.KEY.create()));
        }
        if (user.has(Role.ADMIN) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("apps.nav"), "ehc/apps", VaadinIcon.MOBILE.create()));
        }
        if (user.has(Role.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("users.nav"), "admin/users", VaadinIcon.USERS.create()));
        }
        if (user.has(Role.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("nav.incidents"), "admin/incidents",
                    VaadinIcon.WARNING.create()));
        }
        if (user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("auditchain.nav"), "admin/audit-chain",
                    VaadinIcon.SHIELD.create()));
        }
        // filing (issue #12): the catalogue for every level; desk entry at the national centre; products in use
        var filingNav = new SideNavItem(getTranslation("filing.nav"), "filings", VaadinIcon.ARCHIVE.create());
        if ((user.has(Role.CLERK) || user.has(Role.ADMIN))
                && cn.healthcard.common.RegionCode.NATIONAL.equals(user.region())) {
            filingNav.addItem(new SideNavItem(getTranslation("filing.nav.new"), "filings/new"));
        }
        if (user.has(Role.SUPERVISOR) || user.has(Role.ADMIN) || user.has(Role.AUDITOR)) {
            filingNav.addItem(new SideNavItem(getTranslation("filing.nav.inUse"), "filings/in-use"));
        }
        nav.addItem(filingNav);
        // logistics (issue #13): warehouse and shipment tracking for keepers, makers, supervisors and admins
        if (user.has(Role.WAREHOUSE) || user.has(Role.PRODUCTION) || user.has(Role.SUPERVISOR) || user.has(Role.ADMIN)) {
            var logisticsNav = new SideNavItem(getTranslation("logistics.nav"), "logistics/warehouse",
                    VaadinIcon.TRUCK.create());
            logisticsNav.addItem(new SideNavItem(getTranslation("logistics.nav.warehouse"), "logistics/warehouse"));
            logisticsNav.addItem(new SideNavItem(getTranslation("logistics.nav.tracking"), "logistics/shipments"));
            nav.addItem(logisticsNav);
        }
        // SAM supply (issue #14): applications, reports and plans; production and issuing supervision
        if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR) || user.has(Role.WAREHOUSE) || user.has(Role.AUDITOR)
                || user.has(Role.ADMIN)) {
            var samNav = new SideNavItem(getTranslation("samsupply.nav"), "sam/applications", VaadinIcon.CREDIT_CARD.create());
            samNav.addItem(new SideNavItem(getTranslation("samsupply.nav.applications"), "sam/applications"));
            if (user.has(Role.WAREHOUSE) || user.has(Role.SUPERVISOR) || user.has(Role.ADMIN)) {
                samNav.addItem(new SideNavItem(getTranslation("samsupply.nav.warehouse"), "sam/warehouse"));
            }
            if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
                samNav.addItem(new SideNavItem(getTranslation("samsupply.nav.supervision"), "sam/supervision"));
            }
            nav.addItem(samNav);
        }
        if (user.has(Role.ADMIN)) nav.addItem(new SideNavItem(getTranslation("processadmin.nav"), "process-design", VaadinIcon.SITEMAP.create())); // process design (issue #15)
        // card maker's floor (issue #13): the maker's production people; supervisors and auditors read the batches
        if (user.has(Role.PRODUCTION) || user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR)) {
            nav.addItem(new SideNavItem(getTranslation("floor.nav"), "floor", VaadinIcon.FACTORY.create()));
        }
        // SAM cards (issue #14): the register for centre staff, the blacklist, and the supervision counts
        if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR) || user.has(Role.WAREHOUSE) || user.has(Role.AUDITOR)
                || user.has(Role.ADMIN)) {
            var samNav = new SideNavItem(getTranslation("sam.nav"), "sam", VaadinIcon.LOCK.create());
            if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
                samNav.addItem(new SideNavItem(getTranslation("sam.blacklist.title"), "sam/blacklist"));
            }
            if (user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
                samNav.addItem(new SideNavItem(getTranslation("sam.usage.title"), "sam/statistics"));
            }
            nav.addItem(samNav);
        }
        addToDrawer(nav);
        if (user.has(Role.ADMIN)) {
            var cockpit = new Anchor("/camunda/app/cockpit/default/", getTranslation("nav.cockpit"));
            cockpit.setRouterIgnore(true);
            cockpit.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
            addToDrawer(cockpit);
        }
        var apiDocs = new Anchor("/swagger-ui.html", getTranslation("nav.apiDocs"));
        apiDocs.setRouterIgnore(true);
        apiDocs.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        addToDrawer(apiDocs);
    }

    private boolean isEnglish() {
        return Translations.ENGLISH.getLanguage().equals(getLocale().getLanguage());
    }
}
