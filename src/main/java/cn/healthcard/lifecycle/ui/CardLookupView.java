package cn.healthcard.lifecycle.ui;

import cn.healthcard.card.CardHistoryEntry;
import cn.healthcard.card.CardService;
import cn.healthcard.card.CardView;
import cn.healthcard.common.ChinaTime;
import cn.healthcard.lifecycle.RequestType;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.Map;

/**
 * 卡片查询 (APP-13): a card's current status and its whole life in order — who asked, who approved, who acted, where,
 * why — and, for clerks, the requests that its status allows.
 */
@Route(value = "cards/:cardNo?", layout = MainLayout.class)
@PermitAll
class CardLookupView extends VerticalLayout implements BeforeEnterObserver {

    private final CardService cards;

    CardLookupView(CardService cards) {
        this.cards = cards;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H2(getTranslation("nav.cards")));
        var lookup = new TextField(getTranslation("request.card"));
        lookup.setId("card-lookup");
        lookup.setWidth("20em");
        var go = new Button(getTranslation("application.lookup.go"),
                e -> getUI().ifPresent(ui -> ui.navigate("cards/" + lookup.getValue().trim())));
        go.setId("card-lookup-go");
        var bar = new HorizontalLayout(lookup, go);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar);
        event.getRouteParameters().get("cardNo").ifPresent(cardNo -> {
            lookup.setValue(cardNo);
            show(cardNo);
        });
    }

    private void show(String cardNo) {
        CardView card = cards.find(cardNo).orElse(null);
        if (card == null) {
            add(new H3(getTranslation("card.notFound")));
            return;
        }
        boolean en = "en".equals(getLocale().getLanguage());
        var details = new FormLayout();
        var status = new Span(en ? card.status().nameEn() : card.status().nameZh());
        status.setId("card-status");
        details.addFormItem(status, getTranslation("request.cardStatus"));
        details.addFormItem(new Span(ChinaTime.seconds(card.issuedAt())), getTranslation("card.issuedAt"));
        add(details);
        CurrentUser user = SecurityContextUsers.require();
        if (user.has(Role.CLERK) && !card.status().terminal()) {
            var actions = new HorizontalLayout();
            for (RequestType type : RequestType.values()) {
                var start = new Button(en ? type.nameEn() : type.nameZh(), e -> getUI().ifPresent(ui ->
                        ui.navigate("card-requests/new/" + type.key(), QueryParameters.simple(Map.of("card", cardNo)))));
                start.setId("start-" + type.key());
                actions.add(start);
            }
            add(actions);
        }
        if (user.has(Role.CLERK) || user.has(Role.SUPERVISOR) || user.has(Role.AUDITOR) || user.has(Role.ADMIN)) {
            add(new H3(getTranslation("card.history")));
            var grid = new Grid<CardHistoryEntry>();
            grid.setId("card-history");
            grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            grid.addColumn(CardHistoryEntry::seq).setHeader("#").setAutoWidth(true);
            grid.addColumn(e -> ChinaTime.seconds(e.occurredAt())).setHeader(getTranslation("trail.at")).setAutoWidth(true);
            grid.addColumn(e -> e.action() == null ? getTranslation("card.produced")
                    : en ? e.action().nameEn() : e.action().nameZh()).setHeader(getTranslation("trail.event")).setAutoWidth(true);
            grid.addColumn(e -> (e.from() == null ? "—" : en ? e.from().nameEn() : e.from().nameZh()) + " → "
                    + (en ? e.to().nameEn() : e.to().nameZh())).setHeader(getTranslation("card.change")).setAutoWidth(true);
            // 说明, 案件, 经办 and 机构 share the width left and wrap, so that the grid fits beside the side nav without
            // scrolling whatever the browser's Latin font (DejaVu Sans on a bare Debian is wider than Liberation Sans)
            grid.addColumn(CardHistoryEntry::reason).setHeader(getTranslation("trail.detail")).setWidth("6em")
                    .setFlexGrow(2);
            grid.addColumn(e -> e.requestId() == null ? "" : e.requestId()).setHeader(getTranslation("card.case"))
                    .setWidth("7em").setFlexGrow(1);
            grid.addColumn(e -> join(e.requestedBy(), e.approvedBy(), e.actor())).setHeader(getTranslation("card.people"))
                    .setWidth("9em").setFlexGrow(1);
            grid.addColumn(CardHistoryEntry::institutionCode).setHeader(getTranslation("card.institution"))
                    .setWidth("6em").setFlexGrow(1);
            grid.setItems(cards.history(cardNo));
            grid.setAllRowsVisible(true);
            add(grid);
        }
    }

    private static String join(String requestedBy, String approvedBy, String actor) {
        StringBuilder s = new StringBuilder();
        if (requestedBy != null) {
            s.append("受理 ").append(requestedBy).append(' ');
        }
        if (approvedBy != null) {
            s.append("审核 ").append(approvedBy).append(' ');
        }
        return s.append("执行 ").append(actor).toString();
    }
}
