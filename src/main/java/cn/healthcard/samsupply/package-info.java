/**
 * The SAM card supply chain (SAM卡制卡与发卡, seeds 004 4.3.1, 4.3.2, 4.3.5.1–2; issue #14; decision 031): SAM
 * applications registered by city centres and reviewed by their provincial centre
 * ({@code processes/sam-application.bpmn}), the provinces' reports upward, the national SAM production plan and its
 * order from a SAM maker with a SAM filing in force, the maker's answers through {@code SamProductionPort}, and the
 * SAMs' stock, warehouse-out and delivery through {@code logistics} (item kind SAM). It feeds the SAM register
 * ({@code sam}) with {@link cn.healthcard.sam.SamCardsMade} and {@link cn.healthcard.sam.SamCardsArrived}, and answers
 * the production and issuing supervision (SAM-05, 4.3.5.1 and 4.3.5.2).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "samsupply SAM卡制卡与发卡",
        allowedDependencies = {"common", "filing", "institution", "logistics", "report", "sam", "security", "shell",
                "workflow", "workflow :: form"})
package cn.healthcard.samsupply;
