/**
 * Shipments, warehouse and stock (物流与库房): a stock item per card, shipments from the card maker to the centre and
 * from the centre to the desks with their receipt, warehouse in and out, and pick-up only where a card was delivered.
 *
 * <p>{@code StockService} keeps a stock item per card from the production events ({@code BatchSealed},
 * {@code CardProductionCompleted}) and answers the pick-up check the issuance and replacement pick-ups call (APP-10);
 * {@code ShipmentService} runs {@code processes/shipment-receipt.bpmn} (dispatch with waybill, delivery to an authorised
 * receiver only — PER-13, count and seals, receipt or discrepancy handling, the 签收单) with the logistics status
 * (APP-11); {@code WarehouseService} books warehouse-in on receipt and warehouse-out to desks (APP-09);
 * {@code ReceiverService} keeps the authorised receivers per institution. See docs/decisions/029-logistics.md.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "logistics 物流与库房",
        allowedDependencies = {"common", "floor", "institution", "production", "report", "security", "shell", "workflow",
                "workflow :: form"})
package cn.healthcard.logistics;
