package cn.healthcard.production;

import java.util.List;

/**
 * The card maker (制卡机构), an external system (BPM-04). Two adapters, chosen by
 * {@code healthcard.production.adapter}: {@code simulator} (in-process, the default, for tests and the demo) and
 * {@code drop-folder} (the exchange real makers run: data files and order manifests in {@code <maker>/outbox/}, result
 * files in {@code <maker>/inbox/}). Either way the maker's answers for a batch are persisted on arrival and applied by
 * a retried job; nothing lives only in memory.
 */
public interface CardProductionPort {

    /**
     * Instant issuance (即时制卡): one card on the desk's own printer. The answer arrives later as
     * {@link CardProductionCompleted} with no batch.
     *
     * @return the printer's reference for the order
     * @throws CardProductionException when the printer refuses the order or cannot be reached; the process engine
     *                                 retries and finally raises an incident for an admin
     */
    String requestProduction(ProductionRequest request);

    /**
     * Hands a received batch to the maker's personalisation line: one order per card, with the card number the data
     * file gives it. The answers (produced, failed, destroyed) come back per card as persisted results.
     */
    void submitBatch(BatchOrder order);

    /** A batch as the line is asked to make it. */
    record BatchOrder(String batchNo, String makerCode, String dataFileName, List<CardOrder> cards) {
        public BatchOrder {
            cards = List.copyOf(cards);
        }
    }

    /** One card of a batch order. */
    record CardOrder(String caseId, String cardNo) {
    }
}
