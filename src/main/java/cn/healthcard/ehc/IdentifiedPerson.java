package cn.healthcard.ehc;

import java.util.List;

/**
 * A person an authorised app named by document and full name (INT-05, EHC-07, decision 015), as
 * {@link MasterIndexService#identify} found them within the caller's region. Identity only masked.
 *
 * @param residentId           the resident record's internal id (not personal data); null for a person registered
 *                             from an app only
 * @param masterIndexId        null when the person has a resident record but no master index yet
 * @param regionCode           the region of the resident record, else of the master index
 * @param documentType         the document's type as checked (WS 364 CV02.01.101)
 * @param documentNumberMasked the document's number, masked
 * @param ecard                the person's e-card, null when they have none
 * @param visitCards           the hospital visit cards bound to the master index, oldest first
 */
public record IdentifiedPerson(String residentId, String masterIndexId, String regionCode, String documentType,
                               String documentNumberMasked, EhcAccountView ecard, List<VisitCardView> visitCards) {
}
