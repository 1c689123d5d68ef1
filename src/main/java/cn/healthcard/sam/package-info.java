/**
 * SAM cards (安全存取模块卡, seeds 004 4.3): the register of every SAM card with its state and its binding to an
 * institution's terminal, freeze / unfreeze / cancel as a reviewed case, and the SAM blacklist.
 *
 * <p>The register is fed by the SAM supply chain through {@link cn.healthcard.sam.SamCardsMade} and
 * {@link cn.healthcard.sam.SamCardsArrived}. Binding ({@link cn.healthcard.sam.SamBindingService}) checks the
 * terminal in {@code ehc} and its model's filing in {@code filing}; the case {@code processes/sam-freeze.bpmn}
 * ({@link cn.healthcard.sam.SamCaseService}) changes the state; frozen and cancelled cards go on the SAM blacklist
 * ({@link cn.healthcard.sam.SamBlacklistService}) and their terminals are refused for card use and e-card verification
 * through the {@code ehc} port {@code TerminalBlocks}. Supervision counts: {@link cn.healthcard.sam.SamStatistics}.
 * See {@code docs/decisions/030-sam-cards.md}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "sam SAM卡",
        allowedDependencies = {"common", "security", "institution", "ehc", "filing", "report", "shell", "workflow",
                "workflow :: form"})
package cn.healthcard.sam;
