package cn.healthcard.resident;

import java.time.LocalDate;

/**
 * A resident's card data as entered at the desk or sent by an API client (APP-03, APP-05, design.md §5):
 * identity data, basic health data and the photo. Field names are the keys used by forms/ and the API.
 */
public record ResidentData(
        String documentType,
        String documentNumber,
        String name,
        String sex,
        String ethnicity,
        LocalDate birthDate,
        String phone,
        String address,
        String bloodTypeAbo,
        String bloodTypeRh,
        String medicalAlerts,
        byte[] photo) {

    @Override
    public String toString() {
        return "ResidentData[documentType=" + documentType + ", personal data hidden]";
    }
}
