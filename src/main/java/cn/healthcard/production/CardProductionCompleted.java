package cn.healthcard.production;

/**
 * A card for this case (application or replacement request) is made and ready to leave the maker, with its number and
 * chip serial. {@code batchNo} is the production batch it was made and sealed in, or {@code null} for instant
 * issuance at the desk's own card printer (即时制卡), where the card is at {@code deskCode} at once. {@code deskCode}
 * is the service desk (institution code) the case was filed at, where the holder picks the card up.
 */
public record CardProductionCompleted(String caseId, String productionRef, String cardNo, String chipSerial,
                                      String batchNo, String deskCode) {

    /** Made by the desk's own printer, not in a batch: the card is at its desk already. */
    public boolean instant() {
        return batchNo == null;
    }
}
