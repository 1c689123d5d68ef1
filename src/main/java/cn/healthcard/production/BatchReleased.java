package cn.healthcard.production;

/**
 * A batch of a submitted production plan is released to its card maker (APP-08): its sealed data file (PER-01,
 * decision 026) waits in the maker's outbox. The maker floor starts its {@code production-batch-handover} case on it.
 *
 * @param batchNo      stable batch number (also the data file's batch number)
 * @param planNo       the production plan the batch belongs to
 * @param makerCode    institution code of the card maker (制卡机构)
 * @param centreCode   institution code of the registration centre that issued the plan; the sealed boxes go back to it
 * @param regionCode   GB/T 2260 region of the cards in the batch
 * @param cardCount    number of cards (records) in the data file
 * @param dataFileName the data file's name per the naming rules
 */
public record BatchReleased(String batchNo, String planNo, String makerCode, String centreCode, String regionCode,
                            int cardCount, String dataFileName) {
}
