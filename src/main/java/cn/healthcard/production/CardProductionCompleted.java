package cn.healthcard.production;

/** The card maker's answer: the card for this case (application or replacement request) is made, with its number and chip serial. */
public record CardProductionCompleted(String caseId, String productionRef, String cardNo, String chipSerial) {
}
