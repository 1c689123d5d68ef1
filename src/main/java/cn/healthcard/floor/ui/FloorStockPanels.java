package cn.healthcard.floor.ui;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.floor.BoxStore;
import cn.healthcard.floor.FloorDocuments;
import cn.healthcard.floor.FloorEnums.BoxIncidentKind;
import cn.healthcard.floor.FloorEnums.Direction;
import cn.healthcard.floor.FloorEnums.Shift;
import cn.healthcard.floor.FloorEnums.Stock;
import cn.healthcard.floor.FloorStock;
import cn.healthcard.floor.FloorViews.Box;
import cn.healthcard.floor.FloorViews.BoxIncident;
import cn.healthcard.floor.FloorViews.LogEntry;
import cn.healthcard.floor.FloorViews.Reconciliation;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The maker's own panels of 制卡现场: warehouse movements and the daily reconciliation with its explanation by two
 * people (PER-09), the production log with shift hand-overs (PER-10), the store of sealed boxes and their incidents
 * (PER-12). Every action goes through the services; their refusals show as notifications.
 */
@SpringComponent
@UIScope
class FloorStockPanels {

    private final FloorStock stock;
    private final BoxStore store;
    private final FloorDocuments documents;
    private final I18NProvider i18n;

    FloorStockPanels(FloorStock stock, BoxStore store, FloorDocuments documents, I18NProvider i18n) {
        this.stock = stock;
        this.store = store;
        this.documents = documents;
        this.i18n = i18n;
    }

    private String t(String key, Object... args) {
        return i18n.getTranslation(key, com.vaadin.flow.component.UI.getCurrent() == null ? Locale.CHINA
                : com.vaadin.flow.component.UI.getCurrent().getLocale(), args);
    }

    Component reconciliation() {
        var movements = new Grid<cn.healthcard.floor.FloorViews.Movement>();
        movements.setId("floor-movements");
        movements.addColumn(m -> m.stock().nameZh()).setHeader(t("floor.stock"));
        movements.addColumn(m -> m.direction().nameZh()).setHeader(t("floor.direction"));
        movements.addColumn(cn.healthcard.floor.FloorViews.Movement::quantity).setHeader(t("floor.quantity"));
        movements.addColumn(m -> m.batchNo() == null ? "" : m.batchNo()).setHeader(t("floor.batch.no"));
        movements.addColumn(m -> m.note() == null ? "" : m.note()).setHeader(t("floor.note"));
        movements.setHeight("220px");
        movements.setItems(stock.movements(stock.today()));
        var moveStock = stockSelect("floor-move-stock");
        var direction = new Select<Direction>();
        direction.setId("floor-move-direction");
        direction.setLabel(t("floor.direction"));
        direction.setItems(Direction.values());
        direction.setItemLabelGenerator(Direction::nameZh);
        var quantity = new IntegerField(t("floor.quantity"));
        quantity.setId("floor-move-quantity");
        var note = new TextField(t("floor.note"));
        var record = new Button(t("floor.move.record"), e -> FloorView.run(() -> stock.recordMovement(
                moveStock.getValue(), direction.getValue(), quantity.getValue(), note.getValue()),
                () -> movements.setItems(stock.movements(stock.today()))));
        record.setId("floor-move-record");

        var recs = new Grid<Reconciliation>();
        recs.setId("floor-reconciliations");
        recs.addColumn(r -> r.recDay().toString()).setHeader(t("floor.rec.day"));
        recs.addColumn(r -> t("floor.rec.status." + r.status())).setHeader(t("floor.batch.status"));
        recs.addColumn(r -> r.lines().stream().map(l -> l.stock().nameZh() + " " + l.opening() + "+" + l.qtyIn()
                + "−" + l.qtyOut() + "−" + l.scrap() + "=" + l.closing() + "/" + l.physical())
                .collect(Collectors.joining("；"))).setHeader(t("floor.rec.lines")).setFlexGrow(3);
        recs.addColumn(r -> r.explanation() == null ? "" : r.explanation()).setHeader(t("floor.rec.explanation"));
        recs.setHeight("220px");
        recs.setItems(stock.reconciliations());
        Map<Stock, IntegerField> physical = new EnumMap<>(Stock.class);
        var counts = new HorizontalLayout();
        for (Stock s : Stock.values()) {
            var f = new IntegerField(s.nameZh());
            f.setId("floor-physical-" + s.name());
            physical.put(s, f);
            counts.add(f);
        }
        var reconcile = new Button(t("floor.rec.reconcile"), e -> {
            Map<Stock, Integer> values = new EnumMap<>(Stock.class);
            physical.forEach((s, f) -> values.put(s, f.getValue()));
            FloorView.run(() -> stock.reconcile(null, values), () -> recs.setItems(stock.reconciliations()));
        });
        reconcile.setId("floor-reconcile");
        var explanation = new TextField(t("floor.rec.explanation"));
        explanation.setId("floor-explanation");
        explanation.setWidth("30em");
        var explain = new Button(t("floor.rec.explain"), e -> selected(recs).ifPresent(r -> FloorView.run(
                () -> stock.explain(r.id(), explanation.getValue()), () -> recs.setItems(stock.reconciliations()))));
        var confirm = new Button(t("floor.rec.confirm"), e -> selected(recs).ifPresent(r -> FloorView.run(
                () -> stock.confirmExplanation(r.id()), () -> recs.setItems(stock.reconciliations()))));
        var sheet = new HorizontalLayout();
        recs.asSingleSelect().addValueChangeListener(e -> {
            sheet.removeAll();
            if (e.getValue() != null) {
                String id = e.getValue().id();
                sheet.add(FloorView.pdf("floor-pdf-reconciliation", t("floor.pdf.reconciliation"),
                        "reconciliation-" + e.getValue().recDay() + ".pdf", () -> documents.reconciliationSheet(id)));
            }
        });
        var days = new Span(t("floor.rec.pending", stock.daysToReconcile().stream().map(Object::toString)
                .collect(Collectors.joining("、"))));
        var layout = new VerticalLayout(new HorizontalLayout(moveStock, direction, quantity, note, record), movements,
                days, new HorizontalLayout(counts, reconcile), recs, new HorizontalLayout(explanation, explain, confirm),
                sheet);
        layout.setPadding(false);
        return layout;
    }

    Component log() {
        var grid = new Grid<LogEntry>();
        grid.setId("floor-log");
        grid.addColumn(e -> ChinaTime.minutes(e.recordedAt())).setHeader(t("floor.log.at")).setAutoWidth(true);
        grid.addColumn(e -> e.shift().nameZh()).setHeader(t("floor.log.shift"));
        grid.addColumn(e -> e.batchNo() == null ? "" : e.batchNo()).setHeader(t("floor.batch.no")).setAutoWidth(true);
        grid.addColumn(e -> e.handedFrom() == null ? "" : e.handedFrom() + " → " + e.handedTo())
                .setHeader(t("floor.log.handover"));
        grid.addColumn(LogEntry::workState).setHeader(t("floor.log.state")).setFlexGrow(3);
        grid.addColumn(LogEntry::recordedBy).setHeader(t("floor.log.by"));
        grid.setItems(stock.logEntries(200));
        var shift = new Select<Shift>();
        shift.setLabel(t("floor.log.shift"));
        shift.setItems(Shift.values());
        shift.setItemLabelGenerator(Shift::nameZh);
        var to = new TextField(t("floor.log.handedTo"));
        var state = new TextField(t("floor.log.state"));
        state.setWidth("30em");
        var add = new Button(t("floor.log.add"), e -> FloorView.run(() -> stock.logShift(shift.getValue(),
                to.getValue(), state.getValue()), () -> grid.setItems(stock.logEntries(200))));
        var layout = new VerticalLayout(new HorizontalLayout(shift, to, state, add), grid);
        layout.setPadding(false);
        return layout;
    }

    Component store() {
        var boxes = new Grid<Box>();
        boxes.setId("floor-boxes");
        boxes.addColumn(Box::boxNo).setHeader(t("floor.box.no")).setAutoWidth(true);
        boxes.addColumn(Box::batchNo).setHeader(t("floor.batch.no")).setAutoWidth(true);
        boxes.addColumn(Box::sealNo).setHeader(t("floor.box.seal"));
        boxes.addColumn(Box::cardCount).setHeader(t("floor.batch.cards"));
        boxes.addColumn(b -> t("floor.box.status." + b.status())).setHeader(t("floor.batch.status"));
        boxes.setHeight("240px");
        boxes.setItems(store.boxes());
        var incidents = new Grid<BoxIncident>();
        incidents.setId("floor-incidents");
        incidents.addColumn(BoxIncident::boxNo).setHeader(t("floor.box.no")).setAutoWidth(true);
        incidents.addColumn(i -> i.kind().nameZh()).setHeader(t("floor.box.kind"));
        incidents.addColumn(BoxIncident::note).setHeader(t("floor.note"));
        incidents.addColumn(i -> t("floor.incident.status." + i.status())).setHeader(t("floor.batch.status"));
        incidents.addColumn(i -> i.newSealNo() == null ? "" : i.oldSealNo() + " → " + i.newSealNo())
                .setHeader(t("floor.box.seal"));
        incidents.addColumn(i -> i.findings() == null ? "" : i.findings()).setHeader(t("floor.box.findings"));
        incidents.setHeight("200px");
        incidents.setItems(store.incidents());
        Runnable refresh = () -> {
            boxes.setItems(store.boxes());
            incidents.setItems(store.incidents());
        };
        var kind = new Select<BoxIncidentKind>();
        kind.setLabel(t("floor.box.kind"));
        kind.setItems(BoxIncidentKind.values());
        kind.setItemLabelGenerator(BoxIncidentKind::nameZh);
        var note = new TextField(t("floor.note"));
        var report = new Button(t("floor.box.report"), e -> selected(boxes).ifPresent(b -> FloorView.run(
                () -> store.report(b.boxNo(), kind.getValue(), note.getValue()), refresh)));
        var recounted = new IntegerField(t("floor.box.recounted"));
        var seal = new TextField(t("floor.box.newSeal"));
        var missing = new TextField(t("floor.box.missing"));
        var repack = new Button(t("floor.box.repack"), e -> selected(incidents).ifPresent(i -> FloorView.run(
                () -> store.repack(i.id(), recounted.getValue(), seal.getValue(),
                        List.of(missing.getValue() == null ? new String[0] : missing.getValue().split("[\\s,，]+"))),
                refresh)));
        var findings = new TextField(t("floor.box.findings"));
        findings.setWidth("24em");
        var register = new Button(t("floor.box.register"), e -> selected(incidents).ifPresent(i -> FloorView.run(
                () -> store.register(i.id(), findings.getValue()), refresh)));
        var layout = new VerticalLayout(boxes, new HorizontalLayout(kind, note, report), incidents,
                new HorizontalLayout(recounted, missing, seal, repack), new HorizontalLayout(findings, register));
        layout.setPadding(false);
        return layout;
    }

    private Select<Stock> stockSelect(String id) {
        var select = new Select<Stock>();
        select.setId(id);
        select.setLabel(t("floor.stock"));
        select.setItems(Stock.values());
        select.setItemLabelGenerator(Stock::nameZh);
        return select;
    }

    private static <T> java.util.Optional<T> selected(Grid<T> grid) {
        var value = grid.asSingleSelect().getValue();
        if (value == null) {
            FloorView.error("请先在列表中选择一行");
        }
        return java.util.Optional.ofNullable(value);
    }
}
