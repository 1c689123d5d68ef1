package cn.healthcard.production.datafile;

import java.util.List;

/** The JSON part of a sealed card record: {@link CardRecord} without its photo, which follows as raw bytes. */
record CardFields(CardRecord.Issuer issuer, CardRecord.Holder holder, String validUntil, List<String> phones,
                  String address, String bloodAbo, String bloodRh, List<String> medicalAlerts) {

    static CardFields of(CardRecord card) {
        return new CardFields(card.issuer(), card.holder(), card.validUntil(), card.phones(), card.address(),
                card.bloodAbo(), card.bloodRh(), card.medicalAlerts());
    }

    CardRecord with(byte[] photo) {
        return new CardRecord(issuer, holder, photo, validUntil, phones, address, bloodAbo, bloodRh, medicalAlerts);
    }
}
