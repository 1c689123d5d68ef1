package cn.healthcard.resident;

import java.time.LocalDate;

/**
 * A 档案核实更正申请 as the filing clerk enters it: the document of the resident, the identity data the clerk
 * entered (name, sex, ethnicity, birth date — the fields {@code ResidentService} compares) and why the record should
 * be corrected. Field names are those of the application form and the API.
 */
public record ResidentConflictFiling(String documentType, String documentNumber, String name, String sex,
                                     String ethnicity, LocalDate birthDate, String reason) {

    public static final int MAX_REASON = 500;

    /** The filing made of a card application's data that was refused as a conflict, and a reason. */
    public static ResidentConflictFiling of(ResidentData data, String reason) {
        return new ResidentConflictFiling(data.documentType(), data.documentNumber(), data.name(), data.sex(),
                data.ethnicity(), data.birthDate(), reason);
    }

    @Override
    public String toString() {
        return "ResidentConflictFiling[documentType=" + documentType + ", personal data hidden]";
    }
}
