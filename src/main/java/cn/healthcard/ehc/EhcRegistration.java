package cn.healthcard.ehc;

import java.time.LocalDate;

/**
 * Registration of an e-card account (虚拟化账户注册, EHC-03) by an app or an institution terminal.
 *
 * @param document  the document the e-card ID is computed from (EHC-02)
 * @param name      full name, for the masked name of the account (a resident record of the document, if any, wins)
 * @param sex       GB/T 2261 sex code; for a 居民身份证 optional (taken from the number), else required
 * @param birthDate birth date; for a 居民身份证 optional (taken from the number), else required
 * @param sameAs    optional: another document of the same person, already known, whose master index the new document
 *                  joins (the clerk or terminal operator has seen both documents — EHC-01)
 * @param channel   {@link EhcChannel#APP} or {@link EhcChannel#INSTITUTION_TERMINAL}
 * @param clientId  the app's or terminal's id, recorded with the account (checked by EHC-06 later)
 */
public record EhcRegistration(DocumentRef document, String name, String sex, LocalDate birthDate, DocumentRef sameAs,
                              EhcChannel channel, String clientId) {

    @Override
    public String toString() {
        return "EhcRegistration[" + document + ", channel=" + channel + ", personal data hidden]";
    }
}
