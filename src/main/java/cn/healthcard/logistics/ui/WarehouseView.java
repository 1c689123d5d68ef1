package cn.healthcard.logistics.ui;

import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.logistics.MovementView;
import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.logistics.StockCount;
import cn.healthcard.logistics.StockItemView;
import cn.healthcard.logistics.StockService;
import cn.healthcard.logistics.WarehouseOutData;
import cn.healthcard.logistics.WarehouseService;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * 仓库管理 (APP-09, APP-10, PER-13): stock per place and status, cards by batch, box or card range, warehouse-out to a
 * desk (the centre's keepers), the warehouse-in and -out records and the institution's authorised receivers. Every
 * rule is the services'; the screen shows their refusals.
 */
@Route(value = "logistics/warehouse", layout = MainLayout.class)
@RolesAllowed({"WAREHOUSE", "PRODUCTION", "SUPERVISOR", "ADMIN"})
class WarehouseView extends VerticalLayout implements HasDynamicTitle {

    private final StockService stock;
    private final WarehouseService warehouse;
    private final ReceiverService receivers;
    private final CurrentUser me = SecurityContextUsers.require();
    private final boolean en;
    private final Grid<StockCount> summary = new Grid<>();
    private final Grid<StockItemView> cards = new Grid<>();
    private final Grid<MovementView> movements = new Grid<>();
    private final Grid<ReceiverService.Receiver> receiverGrid = new Grid<>();

    WarehouseView(StockService stock, WarehouseService warehouse, ReceiverService receivers,
                  InstitutionService institutions) {
        this.stock = stock;
        this.warehouse = warehouse;
        this.receivers = receivers;
        this.en = ScreenNotices.english(getLocale());
        setWidthFull();
        add(new H2(getTranslation("logistics.warehouse.title")));

        add(new H3(getTranslation("logistics.stock.summary")));
        summary.setId("stock-summary");
        summary.addColumn(c -> c.placeName() + "（" + c.placeCode() + "）").setHeader(getTranslation("logistics.place"))
                .setAutoWidth(true);
        // the stock summary counts residents' cards only (SAM cards: 「SAM卡出库与签收单」)
        summary.addColumn(c -> itemKind(cn.healthcard.logistics.ItemKind.CARD))
                .setHeader(getTranslation("logistics.itemKind"));
        summary.addColumn(c -> status(c.status())).setHeader(getTranslation("logistics.status"));
        summary.addColumn(StockCount::cards).setHeader(getTranslation("logistics.cards"));
        summary.setAllRowsVisible(true);
        add(summary);

        add(new H3(getTranslation("logistics.stock.query")));
        TextField batch = field("stock-batch", "logistics.batchNo");
        TextField box = field("stock-box", "logistics.boxNo");
        TextField from = field("stock-from", "logistics.fromCard");
        TextField to = field("stock-to", "logistics.toCard");
        Button query = new Button(getTranslation("logistics.search"), e -> ScreenNotices.attempt(() -> cards.setItems(
                stock.query(batch.getValue(), box.getValue(), from.getValue(), to.getValue()))));
        query.setId("stock-search");
        add(bar(batch, box, from, to, query));
        cards.setId("stock-cards");
        cards.addColumn(StockItemView::cardNo).setHeader(getTranslation("logistics.cardNo")).setAutoWidth(true);
        cards.addColumn(i -> itemKind(i.itemKind())).setHeader(getTranslation("logistics.itemKind"));
        cards.addColumn(i -> ScreenNotices.orDash(i.batchNo())).setHeader(getTranslation("logistics.batchNo"))
                .setAutoWidth(true);
        cards.addColumn(i -> ScreenNotices.orDash(i.boxNo())).setHeader(getTranslation("logistics.boxNo"))
                .setAutoWidth(true);
        cards.addColumn(i -> i.placeName()).setHeader(getTranslation("logistics.place")).setAutoWidth(true);
        cards.addColumn(i -> status(i.status())).setHeader(getTranslation("logistics.status"));
        cards.addColumn(i -> ScreenNotices.orDash(i.deskCode())).setHeader(getTranslation("logistics.desk"));
        cards.addColumn(i -> ScreenNotices.orDash(i.shipmentNo())).setHeader(getTranslation("logistics.shipmentNo"))
                .setAutoWidth(true);
        cards.setHeight("260px");
        add(cards);

        if (me.has(Role.WAREHOUSE)) {
            add(new H3(getTranslation("logistics.out.title")));
            Select<Institution> desk = new Select<>();
            desk.setLabel(getTranslation("logistics.desk"));
            desk.setId("out-desk");
            desk.setItems(institutions.within(me.region()).stream()
                    .filter(i -> i.kind() == InstitutionKind.SERVICE_POINT).toList());
            desk.setItemLabelGenerator(i -> i.name() + "（" + i.code() + "）");
            TextField outBatch = field("out-batch", "logistics.batchNo");
            TextField seal = field("out-seal", "logistics.sealNo");
            Button out = new Button(getTranslation("logistics.out.submit"), e -> ScreenNotices.attempt(() -> {
                var shipment = warehouse.warehouseOut(new WarehouseOutData(desk.getValue() == null ? null
                        : desk.getValue().code(), outBatch.getValue(), seal.getValue()));
                ScreenNotices.ok(getTranslation("logistics.out.done", shipment.shipmentNo(), shipment.cardCount()));
                refresh();
            }));
            out.setId("out-submit");
            out.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(bar(desk, outBatch, seal, out));
        }

        add(new H3(getTranslation("logistics.movements")));
        movements.setId("warehouse-movements");
        movements.addColumn(MovementView::movementNo).setHeader(getTranslation("logistics.movementNo"))
                .setAutoWidth(true);
        movements.addColumn(m -> itemKind(m.itemKind())).setHeader(getTranslation("logistics.itemKind"));
        movements.addColumn(m -> getTranslation("logistics.direction." + m.direction()))
                .setHeader(getTranslation("logistics.direction"));
        movements.addColumn(MovementView::shipmentNo).setHeader(getTranslation("logistics.shipmentNo"))
                .setAutoWidth(true);
        movements.addColumn(m -> ScreenNotices.orDash(m.batchNo())).setHeader(getTranslation("logistics.batchNo"))
                .setAutoWidth(true);
        movements.addColumn(MovementView::quantity).setHeader(getTranslation("logistics.cards"));
        movements.addColumn(MovementView::cardRanges).setHeader(getTranslation("logistics.ranges")).setFlexGrow(2);
        movements.addColumn(m -> m.responsibleUnit() + " / " + m.responsiblePerson())
                .setHeader(getTranslation("logistics.responsible")).setAutoWidth(true);
        movements.addColumn(m -> ScreenNotices.time(m.createdAt())).setHeader(getTranslation("logistics.time"))
                .setAutoWidth(true);
        movements.setHeight("260px");
        add(movements);

        add(new H3(getTranslation("logistics.receivers", me.institutionCode())));
        receiverGrid.setId("receivers");
        receiverGrid.addColumn(ReceiverService.Receiver::username).setHeader(getTranslation("logistics.username"));
        receiverGrid.addColumn(ReceiverService.Receiver::displayName).setHeader(getTranslation("logistics.name"));
        receiverGrid.addColumn(r -> r.grantedBy() + " · " + ScreenNotices.time(r.grantedAt()))
                .setHeader(getTranslation("logistics.granted"));
        receiverGrid.addComponentColumn(r -> new Button(getTranslation("logistics.receiver.revoke"),
                e -> ScreenNotices.attempt(() -> {
                    receivers.revoke(r.institutionCode(), r.username());
                    refresh();
                }))).setHeader("");
        receiverGrid.setAllRowsVisible(true);
        TextField username = field("receiver-username", "logistics.username");
        Button grant = new Button(getTranslation("logistics.receiver.grant"), e -> ScreenNotices.attempt(() -> {
            receivers.grant(me.institutionCode(), username.getValue());
            username.clear();
            refresh();
        }));
        grant.setId("receiver-grant");
        add(receiverGrid, bar(username, grant));
        refresh();
    }

    private void refresh() {
        summary.setItems(stock.summary());
        movements.setItems(warehouse.movements(100));
        List<ReceiverService.Receiver> list = List.of();
        try {
            list = receivers.list(me.institutionCode());
        } catch (RuntimeException e) {
            // an institution outside the register (e.g. a national user without one): no receivers to show
        }
        receiverGrid.setItems(list);
    }

    private String itemKind(cn.healthcard.logistics.ItemKind kind) {
        return en ? kind.name() : kind.nameZh();
    }

    private String status(cn.healthcard.logistics.StockStatus status) {
        return en ? status.name() : status.nameZh();
    }

    private TextField field(String id, String labelKey) {
        TextField field = new TextField(getTranslation(labelKey));
        field.setId(id);
        field.setClearButtonVisible(true);
        return field;
    }

    private static HorizontalLayout bar(com.vaadin.flow.component.Component... parts) {
        var bar = new HorizontalLayout(parts);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("logistics.warehouse.title") + " · " + getTranslation("app.title");
    }
}
