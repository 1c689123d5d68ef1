package cn.healthcard.production;

/** The card maker's answer: the card for this application is made, with its number and chip serial. */
public record CardProductionCompleted(String applicationId, String productionRef, String cardNo, String chipSerial) {
}
