package cn.healthcard.logistics;

/**
 * Warehouse-out at the centre to a service desk (APP-09): the desk, optionally one batch, the seal put on the
 * package; everything in stock at the centre for that desk (of that batch) leaves.
 */
public record WarehouseOutData(String deskCode, String batchNo, String sealNo) {
}
