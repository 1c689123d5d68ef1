package cn.healthcard.floor.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.floor.FloorDocuments;
import cn.healthcard.floor.FloorService;
import cn.healthcard.floor.FloorStaff;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.util.function.Supplier;

/**
 * 制卡现场 (issue #13): the maker's batches with their status, the selected batch's record and PDFs; for the maker's
 * own people also the daily reconciliation, the production log and the store ({@link FloorStockPanels}). The steps
 * themselves are the task forms in the inbox. Supervisors and auditors of the region see the batches only.
 */
@Route(value = "floor", layout = MainLayout.class)
@RolesAllowed({"PRODUCTION", "SUPERVISOR", "AUDITOR"})
class FloorView extends VerticalLayout implements HasDynamicTitle {

    private final FloorService floor;
    private final FloorDocuments documents;
    private final Div detail = new Div();

    FloorView(FloorService floor, FloorDocuments documents, FloorStaff staff, FloorStockPanels panels) {
        this.floor = floor;
        this.documents = documents;
        setSizeFull();
        add(new H2(getTranslation("floor.title")));
        var tabs = new TabSheet();
        tabs.setId("floor-tabs");
        tabs.setWidthFull();
        tabs.add(getTranslation("floor.tab.batches"), batches());
        if (staff.callerWorksOnAFloor()) {
            tabs.add(getTranslation("floor.tab.reconciliation"), panels.reconciliation());
            tabs.add(getTranslation("floor.tab.log"), panels.log());
            tabs.add(getTranslation("floor.tab.store"), panels.store());
        }
        add(tabs);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("floor.title");
    }

    private Component batches() {
        var grid = new Grid<Batch>();
        grid.setId("floor-batches");
        grid.addColumn(Batch::batchNo).setHeader(getTranslation("floor.batch.no")).setAutoWidth(true);
        grid.addColumn(Batch::planNo).setHeader(getTranslation("floor.batch.plan")).setAutoWidth(true);
        grid.addColumn(Batch::makerCode).setHeader(getTranslation("floor.batch.maker")).setAutoWidth(true);
        grid.addColumn(b -> b.status().nameZh() + (b.startFailed() ? getTranslation("floor.batch.startFailed") : ""))
                .setHeader(getTranslation("floor.batch.status")).setAutoWidth(true);
        grid.addColumn(Batch::cardCount).setHeader(getTranslation("floor.batch.cards"));
        grid.addColumn(b -> b.produced() == null ? "" : b.produced()).setHeader(getTranslation("floor.batch.produced"));
        grid.addColumn(b -> b.sealedCards() == null ? "" : b.sealedCards()).setHeader(getTranslation("floor.batch.sealed"));
        grid.addColumn(b -> ChinaTime.minutes(b.releasedAt())).setHeader(getTranslation("floor.batch.released"))
                .setAutoWidth(true);
        grid.setItems(floor.batches());
        grid.setHeight("320px");
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        detail.setId("floor-batch-detail");
        var layout = new VerticalLayout(grid, detail);
        layout.setPadding(false);
        return layout;
    }

    private void show(Batch selected) {
        detail.removeAll();
        if (selected == null) {
            return;
        }
        BatchRecord r;
        try {
            r = floor.batch(selected.batchNo());
        } catch (NotFoundException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        Batch b = r.batch();
        detail.add(new H3(getTranslation("floor.batch.detail", b.batchNo())));
        var facts = new UnorderedList();
        if (b.startFailed()) {
            facts.add(new ListItem(getTranslation("floor.batch.startFailed") + " " + b.startAttempts() + "："
                    + b.startError()));
        }
        facts.add(new ListItem(getTranslation("floor.batch.status") + "：" + b.status().nameZh()
                + (b.refusal() == null ? "" : "（" + b.refusal() + "）")));
        facts.add(new ListItem(getTranslation("floor.batch.file") + "：" + b.dataFileName() + "，" + b.cardCount()));
        if (b.startSecondBy() != null) {
            facts.add(new ListItem(getTranslation("floor.batch.startedBy") + "：" + b.startFirstBy() + "、"
                    + b.startSecondBy()));
        }
        r.handovers().forEach(h -> facts.add(new ListItem(h.step().nameZh() + "：" + h.handedBy() + " → "
                + h.receivedBy() + (h.countIn() == null ? "" : "，" + h.countIn() + " = " + h.good() + " + "
                + h.damaged() + " + " + h.rework()) // PER-07: no counts for anyone but the sender until confirmed
                + (h.confirmed() ? "" : getTranslation("floor.handover.unconfirmed")))));
        r.counts().forEach(c -> facts.add(new ListItem(getTranslation("floor.batch.count", c.roundNo(),
                c.whichCount(), c.counted(), c.countedBy()))));
        if (b.signedOffBy() != null) {
            facts.add(new ListItem(getTranslation("floor.batch.signedOff") + "：" + b.signedOffBy()));
        }
        r.boxes().forEach(x -> facts.add(new ListItem(getTranslation("floor.box.line", x.boxNo(), x.sealNo(),
                x.cardCount(), x.status()))));
        detail.add(facts);
        var links = new HorizontalLayout();
        if (!r.handovers().isEmpty()) {
            links.add(pdf("floor-pdf-handover", getTranslation("floor.pdf.handover"), b.batchNo() + "-handover.pdf",
                    () -> documents.handoverForm(b.batchNo())));
        }
        if (r.destruction() != null && r.destruction().cosignedBy() != null) {
            links.add(pdf("floor-pdf-destruction", getTranslation("floor.pdf.destruction"),
                    b.batchNo() + "-destruction.pdf", () -> documents.destructionRecord(b.batchNo())));
        }
        if (!r.boxes().isEmpty()) {
            links.add(pdf("floor-pdf-packing", getTranslation("floor.pdf.packing"), b.batchNo() + "-packing.pdf",
                    () -> documents.packingList(b.batchNo())));
        }
        detail.add(links);
    }

    static Anchor pdf(String id, String text, String fileName, Supplier<byte[]> pdf) {
        var link = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = pdf.get();
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, "application/pdf", bytes.length);
        }), text);
        link.setId(id);
        link.setTarget("_blank");
        return link;
    }

    /** Shows a refusal of the services as a notification (400 by field, 403, 404, 409). */
    static void run(Runnable action, Runnable after) {
        try {
            action.run();
            after.run();
        } catch (DomainValidationException e) {
            error(e.violations().stream().map(v -> v.field() + "：" + v.message()).reduce((x, y) -> x + "；" + y)
                    .orElse(e.getMessage()));
        } catch (ConflictException | NotFoundException | AccessDeniedException e) {
            error(e.getMessage());
        }
    }

    static void error(String text) {
        var n = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
