/**
 * SAM cards (安全存取模块卡, seeds 004 4.3): the register of every SAM card with its state and its binding to an
 * institution's terminal, freeze / unfreeze / cancel as a reviewed case, and the SAM blacklist.
 *
 * <p>The register is fed by the SAM supply chain through {@link cn.healthcard.sam.SamCardsMade} and
 * {@link cn.healthcard.sam.SamCardsArrived}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "sam SAM卡",
        allowedDependencies = {"common", "security"})
package cn.healthcard.sam;
