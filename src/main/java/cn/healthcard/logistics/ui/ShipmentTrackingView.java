package cn.healthcard.logistics.ui;

import cn.healthcard.logistics.ShipmentReceipts;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;

/**
 * 物流跟踪 (APP-11): the shipments from or to the caller's region with their delivery status, waybill, courier or
 * delivery person, expected and actual dates; a row shows its boxes, the count and the 签收单 once received. The steps
 * themselves are tasks in the inbox.
 */
@Route(value = "logistics/shipments", layout = MainLayout.class)
@RolesAllowed({"WAREHOUSE", "PRODUCTION", "SUPERVISOR", "ADMIN"})
class ShipmentTrackingView extends VerticalLayout implements HasDynamicTitle {

    private final ShipmentReceipts receipts;
    private final boolean en;
    private final Grid<ShipmentView.Box> boxes = new Grid<>();
    private final Span detail = new Span();
    private final VerticalLayout receipt = new VerticalLayout();

    ShipmentTrackingView(ShipmentService shipments, ShipmentReceipts receipts) {
        this.receipts = receipts;
        this.en = ScreenNotices.english(getLocale());
        setWidthFull();
        add(new H2(getTranslation("logistics.tracking.title")));
        Grid<ShipmentView> grid = new Grid<>();
        grid.setId("shipments");
        grid.addColumn(ShipmentView::shipmentNo).setHeader(getTranslation("logistics.shipmentNo")).setAutoWidth(true);
        grid.addColumn(s -> en ? s.kind().name() : s.kind().nameZh()).setHeader(getTranslation("logistics.kind"))
                .setAutoWidth(true);
        grid.addColumn(s -> itemKind(s.itemKind())).setHeader(getTranslation("logistics.itemKind")).setAutoWidth(true);
        grid.addColumn(s -> s.senderName() + " → " + s.receiverName()).setHeader(getTranslation("logistics.route"))
                .setWidth("360px").setFlexGrow(0);
        grid.addColumn(s -> status(s.status())).setHeader(getTranslation("logistics.status")).setAutoWidth(true);
        grid.addColumn(ShipmentView::cardCount).setHeader(getTranslation("logistics.cards"));
        grid.addColumn(s -> ScreenNotices.orDash(s.waybillNo())).setHeader(getTranslation("logistics.waybillNo"))
                .setAutoWidth(true);
        grid.addColumn(s -> ScreenNotices.orDash(s.carrier())).setHeader(getTranslation("logistics.carrier"))
                .setAutoWidth(true);
        grid.addColumn(s -> ScreenNotices.orDash(s.expectedDate())).setHeader(getTranslation("logistics.expected"))
                .setAutoWidth(true);
        grid.addColumn(s -> ScreenNotices.time(s.deliveredAt())).setHeader(getTranslation("logistics.delivered"))
                .setAutoWidth(true);
        grid.setHeight("360px");
        var list = shipments.list(200);
        grid.setItems(list);
        grid.addItemClickListener(e -> show(e.getItem()));
        add(grid);

        add(new H3(getTranslation("logistics.boxes")), detail);
        boxes.setId("shipment-boxes");
        boxes.addColumn(ShipmentView.Box::boxNo).setHeader(getTranslation("logistics.boxNo")).setAutoWidth(true);
        boxes.addColumn(b -> ScreenNotices.orDash(b.sealNo())).setHeader(getTranslation("logistics.sealNo"))
                .setAutoWidth(true);
        boxes.addColumn(b -> b.firstCard() + " - " + b.lastCard()).setHeader(getTranslation("logistics.ranges"))
                .setAutoWidth(true);
        boxes.addColumn(ShipmentView.Box::cardCount).setHeader(getTranslation("logistics.cards"));
        boxes.addColumn(b -> en ? b.status().name() : b.status().nameZh()).setHeader(getTranslation("logistics.status"));
        boxes.setAllRowsVisible(true);
        receipt.setPadding(false);
        add(boxes, receipt);
        list.stream().findFirst().ifPresent(this::show);
    }

    private void show(ShipmentView s) {
        boxes.setItems(s.boxes());
        detail.setText(getTranslation("logistics.detail", s.shipmentNo(), ScreenNotices.time(s.dispatchedAt()),
                ScreenNotices.orDash(s.deliveredTo()), ScreenNotices.orDash(s.receivedCount()),
                ScreenNotices.orDash(s.countNote()), ScreenNotices.orDash(s.resolution())));
        receipt.removeAll();
        if (s.status() == ShipmentStatus.RECEIVED) {
            var link = new Anchor(DownloadHandler.fromInputStream(e -> {
                byte[] pdf = receipts.receipt(s.shipmentNo());
                return new DownloadResponse(new ByteArrayInputStream(pdf), "shipment-receipt-" + s.shipmentNo()
                        + ".pdf", "application/pdf", pdf.length);
            }), getTranslation("logistics.receipt"));
            link.setId("shipment-receipt");
            link.setTarget("_blank");
            receipt.add(link);
        }
    }

    private String itemKind(cn.healthcard.logistics.ItemKind kind) {
        return en ? kind.name() : kind.nameZh();
    }

    private String status(ShipmentStatus status) {
        return en ? status.name() : status.nameZh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("logistics.tracking.title") + " · " + getTranslation("app.title");
    }
}
