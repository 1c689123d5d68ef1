package cn.healthcard.production.datafile;

import java.util.List;

/**
 * One card's personalisation data in a production data file (PER-01): the WS/T 543 fields of design.md §5. Dates are
 * ISO {@code yyyy-MM-dd}; codes are the standard's codes (sex GB/T 2261.1, ethnicity GB 3304, document type WS 364
 * CV02.01.101, blood type ABO and RH).
 *
 * @param issuer        issuer data (card type, spec version, issuer, issue date, card number, chip serial, city)
 * @param holder        holder data (name, sex, ethnicity, birth date, document)
 * @param photo         the holder's photo (JPEG bytes, about 20 KB), copied
 * @param validUntil    last day the card is valid
 * @param phones        phone numbers, may be empty
 * @param address       address, may be null
 * @param bloodAbo      ABO blood group ({@code A}, {@code B}, {@code AB}, {@code O}) or null when unknown
 * @param bloodRh       RH factor ({@code +}, {@code -}) or null when unknown
 * @param medicalAlerts medical alerts (allergies, conditions), may be empty
 */
public record CardRecord(Issuer issuer, Holder holder, byte[] photo, String validUntil, List<String> phones,
                         String address, String bloodAbo, String bloodRh, List<String> medicalAlerts) {

    public CardRecord {
        if (issuer == null || holder == null || issuer.cardNo() == null || issuer.cardNo().isBlank()) {
            throw new IllegalArgumentException("A card record needs issuer data with a card number and holder data");
        }
        photo = photo == null ? new byte[0] : photo.clone();
        phones = phones == null ? List.of() : List.copyOf(phones);
        medicalAlerts = medicalAlerts == null ? List.of() : List.copyOf(medicalAlerts);
    }

    /** The photo (a copy). */
    @Override
    public byte[] photo() {
        return photo.clone();
    }

    /** The card number. */
    public String cardNo() {
        return issuer.cardNo();
    }

    /** Issuer data (WS/T 543 发卡机构数据). */
    public record Issuer(String cardType, String specVersion, String issuerName, String issuerCode, String issueDate,
                         String cardNo, String chipSerial, String appCityCode) {
    }

    /** Holder data (WS/T 543 持卡人数据). */
    public record Holder(String name, String sex, String ethnicity, String birthDate, String documentType,
                         String documentNo) {
    }

    /** Metadata only: no personal data in logs. */
    @Override
    public String toString() {
        return "CardRecord[" + cardNo() + "]";
    }
}
