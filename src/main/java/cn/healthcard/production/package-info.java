/**
 * The card maker port (CardProductionPort) and its simulator.
 *
 * <p>{@code CardProductionPort} (the card maker) and its simulator adapter
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "production 制卡",
        allowedDependencies = {"common"})
package cn.healthcard.production;
