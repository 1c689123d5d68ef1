package cn.healthcard.ehc;

import java.time.Instant;
import java.util.List;

/**
 * What a master index (主索引, EHC-01) links: the person's documents (masked), physical cards, the e-card and hospital
 * visit cards.
 *
 * @param ehcId the e-card ID, null while the person has no e-card
 */
public record MasterIndexView(String id, String regionCode, Instant createdAt, List<LinkedDocument> documents,
                              List<String> cardNos, String ehcId, EhcStatus ehcStatus, List<VisitCardView> visitCards) {

    /** A document linked to the master index; {@code verifiedBy} is the clerk who joined a second document. */
    public record LinkedDocument(String documentType, String documentNumberMasked, Instant linkedAt, String linkedBy,
                                 String verifiedBy) {
    }
}
