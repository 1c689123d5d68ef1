package cn.healthcard.samsupply.ui;

import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.WarehouseService;
import cn.healthcard.samsupply.SamReceipts;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;

/**
 * 「SAM卡出库与签收单」 (SAM-02, SAM-03; decision 031): a centre's keeper sends SAM cards out of its warehouse to the
 * medical institution they were made for or to a city centre below it; the SAM shipments of the caller's region with
 * their status, and the SAM 签收单 / 交接单 of each received one. Receipt itself is the shipment-receipt task in the inbox.
 */
@Route(value = "sam/warehouse", layout = MainLayout.class)
@RolesAllowed({"WAREHOUSE", "SUPERVISOR", "ADMIN"})
class SamWarehouseView extends VerticalLayout implements HasDynamicTitle {

    private final ShipmentService shipments;
    private final SamReceipts receipts;
    private final boolean en;
    private final Grid<ShipmentView> grid = new Grid<>();

    SamWarehouseView(WarehouseService warehouse, ShipmentService shipments, SamReceipts receipts) {
        this.shipments = shipments;
        this.receipts = receipts;
        this.en = ScreenNotices.english(getLocale());
        CurrentUser me = SecurityContextUsers.require();
        setWidthFull();
        add(new H2(getTranslation("samsupply.warehouse.title")));
        if (me.has(Role.WAREHOUSE)) {
            TextField destination = new TextField(getTranslation("samsupply.warehouse.destination"));
            destination.setId("sam-out-destination");
            destination.setMaxLength(32);
            destination.setHelperText(getTranslation("samsupply.warehouse.destinationHelp"));
            TextField batch = new TextField(getTranslation("samsupply.warehouse.batch"));
            batch.setId("sam-out-batch");
            batch.setMaxLength(32);
            TextField seal = new TextField(getTranslation("samsupply.warehouse.seal"));
            seal.setId("sam-out-seal");
            seal.setMaxLength(32);
            Button out = new Button(getTranslation("samsupply.warehouse.out"), e -> ScreenNotices.attempt(() -> {
                ShipmentView s = warehouse.warehouseOutSams(destination.getValue(), batch.getValue(),
                        seal.getValue());
                ScreenNotices.ok(getTranslation("samsupply.warehouse.outDone", s.shipmentNo(), s.cardCount()));
                refresh();
            }));
            out.setId("sam-out");
            out.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout form = new HorizontalLayout(destination, batch, seal, out);
            form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            form.setWrap(true);
            add(form);
        }
        add(new H3(getTranslation("samsupply.warehouse.shipments")));
        grid.setId("sam-shipments");
        grid.addColumn(ShipmentView::shipmentNo).setHeader(getTranslation("samsupply.warehouse.shipmentNo"))
                .setAutoWidth(true);
        grid.addColumn(s -> en ? s.kind().name() : s.kind().nameZh())
                .setHeader(getTranslation("samsupply.warehouse.kind")).setAutoWidth(true);
        grid.addColumn(s -> s.senderName() + "（" + s.senderCode() + "）")
                .setHeader(getTranslation("samsupply.warehouse.sender")).setAutoWidth(true);
        grid.addColumn(s -> s.receiverName() + "（" + s.receiverCode() + "）")
                .setHeader(getTranslation("samsupply.warehouse.receiver")).setAutoWidth(true);
        grid.addColumn(ShipmentView::cardCount).setHeader(getTranslation("samsupply.warehouse.count"));
        grid.addColumn(s -> en ? s.status().name() : s.status().nameZh())
                .setHeader(getTranslation("samsupply.status")).setAutoWidth(true);
        grid.addColumn(s -> ScreenNotices.orDash(s.waybillNo())).setHeader(getTranslation("samsupply.warehouse.waybill"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::receipt).setHeader(getTranslation("samsupply.warehouse.receipt"))
                .setAutoWidth(true);
        grid.setHeight("420px");
        add(grid);
        refresh();
    }

    private com.vaadin.flow.component.Component receipt(ShipmentView s) {
        if (s.status() != ShipmentStatus.RECEIVED) {
            return new com.vaadin.flow.component.html.Span("—");
        }
        Anchor link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] pdf = receipts.receipt(s.shipmentNo());
            return new DownloadResponse(new ByteArrayInputStream(pdf), "sam-receipt-" + s.shipmentNo() + ".pdf",
                    "application/pdf", pdf.length);
        }), getTranslation("samsupply.warehouse.print"));
        link.setId("sam-receipt-" + s.shipmentNo());
        link.setTarget("_blank");
        return link;
    }

    private void refresh() {
        grid.setItems(shipments.list(200).stream().filter(s -> s.itemKind() == ItemKind.SAM).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("samsupply.warehouse.title");
    }
}
