package cn.healthcard.production;

/** One card the maker's line has personalised for a case of a batch: its card number and chip serial. */
public record ProducedCard(String caseId, String cardNo, String chipSerial) {
}
