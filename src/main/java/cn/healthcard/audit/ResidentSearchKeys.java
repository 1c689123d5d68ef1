package cn.healthcard.audit;

import java.util.Collection;
import java.util.Map;

/**
 * What the audit search index may hold about a resident (SEC-02): masks for display and keyed hashes to search by,
 * never a name or document number in plaintext. Implemented by the module that owns residents; the audit module
 * calls it when it projects entries and when it turns a searched name or document into its hash.
 */
public interface ResidentSearchKeys {

    /** The keys of each of these residents that exists, by resident id. */
    Map<String, Keys> of(Collection<String> residentIds);

    /** The keyed hash of a document, as {@link Keys#documentKey()} holds it. */
    String documentKey(String documentType, String documentNumber);

    /** The keyed hash of a full name, as {@link Keys#nameKey()} holds it. */
    String nameKey(String fullName);

    /**
     * @param nameMasked           e.g. {@code 张*三}
     * @param nameKey              keyed hash of the full name
     * @param documentType         code of the document type (GA/T 517 style code table)
     * @param documentKey          keyed hash of type and number
     * @param documentNumberMasked e.g. {@code 1101**********002X}
     */
    record Keys(String nameMasked, String nameKey, String documentType, String documentKey,
                String documentNumberMasked) {
    }
}
