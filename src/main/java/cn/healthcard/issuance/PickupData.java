package cn.healthcard.issuance;

/**
 * Pick-up registration (领卡登记, APP-12): who collected the card. For an agent, their name and document are required.
 */
public record PickupData(boolean bySelf, String agentName, String agentDocumentType, String agentDocumentNumber,
                         boolean identityVerified, String notes) {
}
