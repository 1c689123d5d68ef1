/**
 * Institutions (registration centres, medical institutions, card makers, banks) with their region.
 *
 * <p>Institutions with their region
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "institution 机构",
        allowedDependencies = {"common"})
package cn.healthcard.institution;
