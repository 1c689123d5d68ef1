package cn.healthcard.production;

import java.util.List;

/**
 * What the card maker's floor (module {@code floor}) asks of production for one released batch. Every method checks
 * that the caller belongs to the batch's card maker (role PRODUCTION, or SYSTEM for process steps): a batch of another
 * maker answers 404.
 */
public interface ProductionLine {

    /**
     * Receipt of the batch's data file at the maker (PER-02): verifies the centre's signature, unwraps the data key
     * under the maker's transport key, moves the records inside and records the deletion of the file from the
     * receiving device. Idempotent: a second receipt answers the same count.
     *
     * @return the number of card records in the file
     * @throws cn.healthcard.production.datafile.DataFileRefusedException a malformed, tampered or misaddressed file,
     *                                                                     with a reason the maker can act on
     */
    int receive(String batchNo);

    /**
     * Whether the batch's current data file has reached the maker's receiving folder under its final name (or the
     * batch is past RELEASED): the floor starts its case, whose first step is the receipt, only then. SYSTEM only.
     */
    boolean fileDelivered(String batchNo);

    /**
     * Hands the received batch to the personalisation line through {@link CardProductionPort}. Idempotent: a retried
     * job never makes a second card for a case. The line's answers arrive later; when every card of the batch has
     * one, {@link BatchProductionFinished} is published. SYSTEM only (PER-06): the floor's service task calls it after
     * its two-person start; a single maker user cannot start a run alone.
     */
    void startProduction(String batchNo);

    /** The cards the line made for the batch (answer PRODUCED), by card number. */
    List<ProducedCard> producedCards(String batchNo);

    /**
     * A card of the batch that cannot be made from the data as sent (PER-04): the maker never changes data; this error
     * record goes back to the issuer, who corrects the case and sends it again in a later batch.
     */
    void reportError(String batchNo, String caseId, String field, String reason);

    /** A produced card scrapped on the floor (PER-08): its case goes back to the issuer's queue to be made again. */
    void reportScrapped(String batchNo, String cardNo, String reason);
}
