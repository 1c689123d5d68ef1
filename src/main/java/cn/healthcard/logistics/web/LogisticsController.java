package cn.healthcard.logistics.web;

import cn.healthcard.logistics.CountData;
import cn.healthcard.logistics.DispatchData;
import cn.healthcard.logistics.MovementView;
import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.logistics.ResolutionData;
import cn.healthcard.logistics.ShipmentReceipts;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.StockCount;
import cn.healthcard.logistics.StockItemView;
import cn.healthcard.logistics.StockService;
import cn.healthcard.logistics.WarehouseOutData;
import cn.healthcard.logistics.WarehouseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Shipments, warehouse and stock over the API (APP-09…11, PER-13): the steps of a shipment addressed by its number,
 * warehouse-out, stock per place and status and by batch, box or card range, the authorised receivers.
 */
@RestController
@RequestMapping("/api/v1/logistics")
@Tag(name = "logistics", description = "物流与库房 / shipments, warehouse and stock")
@SecurityRequirement(name = "basic")
class LogisticsController {

    private final ShipmentService shipments;
    private final WarehouseService warehouse;
    private final StockService stock;
    private final ReceiverService receivers;
    private final ShipmentReceipts receipts;

    LogisticsController(ShipmentService shipments, WarehouseService warehouse, StockService stock,
                        ReceiverService receivers, ShipmentReceipts receipts) {
        this.shipments = shipments;
        this.warehouse = warehouse;
        this.stock = stock;
        this.receivers = receivers;
        this.receipts = receipts;
    }

    @GetMapping("/shipments")
    @Operation(summary = "Shipments from or to the caller's region, newest first, with their logistics status")
    List<ShipmentView> shipments(@Valid @ParameterObject LogisticsRequests.Limit limit) {
        return shipments.list(limit.orDefault());
    }

    @GetMapping("/shipments/{shipmentNo}")
    @Operation(summary = "One shipment (404 outside the caller's region)")
    ShipmentView shipment(@PathVariable String shipmentNo) {
        return shipments.get(shipmentNo);
    }

    @PostMapping(path = "/shipments/{shipmentNo}/dispatch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The sender dispatches: waybill, courier or delivery person, expected date",
            description = "400 by field; 403 for anyone not of the sender; 409 NOT_AT_STEP")
    ShipmentView dispatch(@PathVariable String shipmentNo, @Valid @RequestBody LogisticsRequests.Dispatch body) {
        return shipments.dispatch(shipments.openTask(shipmentNo, ShipmentService.DISPATCH_TASK),
                new DispatchData(body.waybillNo(), body.carrier(), body.expectedDate()));
    }

    @PostMapping("/shipments/{shipmentNo}/delivery")
    @Operation(summary = "The caller takes the delivery as an authorised receiver of the destination (PER-13)",
            description = "403 NOT_AUTHORISED_RECEIVER (audited, the shipment stays undelivered); 409 NOT_AT_STEP")
    ShipmentView deliver(@PathVariable String shipmentNo) {
        return shipments.deliver(shipments.openTask(shipmentNo, ShipmentService.DELIVER_TASK));
    }

    @PostMapping(path = "/shipments/{shipmentNo}/count", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The receiver's count and seal check; complete → receipt and warehouse-in, otherwise "
            + "discrepancy handling", description = "400 by field (unknown box numbers, a note missing)")
    ShipmentView count(@PathVariable String shipmentNo, @Valid @RequestBody LogisticsRequests.Count body) {
        return shipments.count(shipments.openTask(shipmentNo, ShipmentService.COUNT_TASK),
                new CountData(body.receivedCount(), body.sealsIntact(), body.damagedBoxes(), body.missingBoxes(),
                        body.note()));
    }

    @PostMapping(path = "/shipments/{shipmentNo}/discrepancy-resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Discrepancy handling with the sender: recount, replacement cards, investigation record; "
            + "then what arrived is received")
    ShipmentView resolve(@PathVariable String shipmentNo, @Valid @RequestBody LogisticsRequests.Resolution body) {
        return shipments.resolve(shipments.openTask(shipmentNo, ShipmentService.DISCREPANCY_TASK),
                new ResolutionData(body.recount(), body.replacementCards(), body.investigation()));
    }

    @GetMapping(path = "/shipments/{shipmentNo}/receipt", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The signed receipt (签收单) as PDF", description = "409 SHIPMENT_NOT_RECEIVED before receipt")
    ResponseEntity<byte[]> receipt(@PathVariable String shipmentNo) {
        byte[] pdf = receipts.receipt(shipmentNo);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("shipment-receipt-" + shipmentNo + ".pdf").build().toString())
                .body(pdf);
    }

    @GetMapping("/shipments/{shipmentNo}/movements")
    @Operation(summary = "The warehouse-in and -out records of a shipment")
    List<MovementView> shipmentMovements(@PathVariable String shipmentNo) {
        return warehouse.ofShipment(shipmentNo);
    }

    @PostMapping(path = "/warehouse-outs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Warehouse-out from the caller's centre to a desk: a new shipment centre → desk",
            description = "400 by field; 404 for a desk outside the caller's region; 409 NOTHING_IN_STOCK, "
                    + "STOCK_MOVED (another keeper was first)")
    ShipmentView warehouseOut(@Valid @RequestBody LogisticsRequests.WarehouseOut body) {
        return warehouse.warehouseOut(new WarehouseOutData(body.deskCode(), body.batchNo(), body.sealNo()));
    }

    @GetMapping("/warehouse-movements")
    @Operation(summary = "Warehouse-in and -out records within the caller's region, newest first")
    List<MovementView> movements(@Valid @ParameterObject LogisticsRequests.Limit limit) {
        return warehouse.movements(limit.orDefault());
    }

    @GetMapping("/stock/summary")
    @Operation(summary = "Stock per place and status within the caller's region")
    List<StockCount> summary() {
        return stock.summary();
    }

    @GetMapping("/stock")
    @Operation(summary = "Cards in stock by batch (and box) or by card number range",
            description = "400 on batchNo when neither a batch nor a complete range is given")
    List<StockItemView> stock(@Valid @ParameterObject LogisticsRequests.StockFilter filter) {
        return stock.query(filter.batchNo(), filter.boxNo(), filter.fromCard(), filter.toCard());
    }

    @GetMapping("/stock/{cardNo}")
    @Operation(summary = "Where one card is (404 outside the caller's region)")
    StockItemView card(@PathVariable String cardNo) {
        return stock.card(cardNo);
    }

    @GetMapping("/institutions/{code}/receivers")
    @Operation(summary = "The authorised receivers of an institution (PER-13)")
    List<ReceiverService.Receiver> receivers(@PathVariable String code) {
        return receivers.list(code);
    }

    @PostMapping(path = "/institutions/{code}/receivers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Authorise a receiver (the institution's warehouse group lead, or an admin of the region)",
            description = "403 for others; 409 RECEIVER_EXISTS")
    ReceiverService.Receiver grant(@PathVariable String code, @Valid @RequestBody LogisticsRequests.Receiver body) {
        return receivers.grant(code, body.username());
    }

    @DeleteMapping("/institutions/{code}/receivers/{username}")
    @Operation(summary = "Revoke a receiver's authorisation")
    ResponseEntity<Void> revoke(@PathVariable String code, @PathVariable String username) {
        receivers.revoke(code, username);
        return ResponseEntity.noContent().build();
    }
}
