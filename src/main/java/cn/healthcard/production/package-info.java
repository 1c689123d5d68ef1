/**
 * The card maker port (CardProductionPort), its simulator, and the sealed and signed production data file of a batch.
 *
 * <p>{@code CardProductionPort} (the card maker) and its simulator adapter; production data files of a batch
 * ({@code datafile}: format HCDF1 sealed under a fresh SM4 key wrapped under the maker's transport key and signed by
 * the centre with SM2, the maker-side reader, decision 026)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "production 制卡",
        allowedDependencies = {"common", "crypto", "crypto :: device", "institution", "resident", "security"})
package cn.healthcard.production;
