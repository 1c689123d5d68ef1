package cn.healthcard.production.datafile;

import java.util.List;

/**
 * The JSON part of a sealed card record: {@link CardRecord} without its photo, which follows as raw bytes, and the
 * card's own application keys ({@code HCWK1}, each wrapped under the maker's transport key; PER-03).
 */
record CardFields(CardRecord.Issuer issuer, CardRecord.Holder holder, String validUntil, List<String> phones,
                  String address, String bloodAbo, String bloodRh, List<String> medicalAlerts,
                  List<String> applicationKeys) {

    CardFields {
        applicationKeys = applicationKeys == null ? List.of() : List.copyOf(applicationKeys);
    }

    static CardFields of(CardRecord card, List<String> applicationKeys) {
        return new CardFields(card.issuer(), card.holder(), card.validUntil(), card.phones(), card.address(),
                card.bloodAbo(), card.bloodRh(), card.medicalAlerts(), applicationKeys);
    }

    CardRecord with(byte[] photo) {
        return new CardRecord(issuer, holder, photo, validUntil, phones, address, bloodAbo, bloodRh, medicalAlerts);
    }
}
