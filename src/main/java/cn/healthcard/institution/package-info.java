/**
 * The institution register: registration centres at three levels, desks, medical institutions, card makers and banks
 * with their region and superior centre; register, modify, cancel, combined query, counts, the exchange log and
 * import.
 *
 * <p>The register of institutions (ORG-01…05, INT-01, STAT-01; decision 023): each kind's fields, scoping to the
 * caller's region through the {@link cn.healthcard.institution.InstitutionCaller} port, the exchange log the level
 * above pulls, and import of CSV, Excel and JSON rows, all or nothing.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "institution 机构",
        allowedDependencies = {"common"})
package cn.healthcard.institution;
