/**
 * Card production on the issuer's side: orders, production plans and batches, the card-maker adapter, the maker's
 * answers, error records, and the sealed and signed production data file of a batch.
 *
 * <p>{@code ProductionOrders} (one idempotent order per approved case, routed per desk: instant printer or batch),
 * {@code ProductionPlans} (制卡计划: plan by region and maker, batches with data files in the maker's outbox, APP-08),
 * {@code BatchProduction} (the {@code ProductionLine} the maker's floor calls; answers persisted and applied by a
 * retried job; sealed cards complete their cases, BPM-04), {@code ProductionErrors} (制卡差错 and resend, PER-04),
 * {@code CardProductionPort} with its simulator and drop-folder adapters (decision 027); production data files of a
 * batch ({@code datafile}: format HCDF1 sealed under a fresh SM4 key wrapped under the maker's transport key and signed
 * by the centre with SM2, the maker-side reader, decision 026)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "production 制卡",
        allowedDependencies = {"common", "crypto", "crypto :: device", "filing", "institution", "keys", "report", "resident", "security", "shell"})
package cn.healthcard.production;
