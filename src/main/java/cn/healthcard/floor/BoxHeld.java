package cn.healthcard.floor;

/**
 * A sealed box of a batch was reported damaged or opened in the maker's store (PER-12): it is held, under
 * {@code sealNo}, until its recount, repack under a new seal and the registration of the findings
 * ({@link BoxResealed}). For the receiving side (logistics): the box's shipment must not leave the maker meanwhile.
 * Published in the report's transaction.
 */
public record BoxHeld(String batchNo, String boxNo, String sealNo) {
}
