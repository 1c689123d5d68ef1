/**
 * The electronic health card (电子健康卡): master index, e-card accounts, QR codes, terminals and verification of
 * scanned codes.
 *
 * <p>Seed 003, EHC-01…EHC-07, INT-05: the master index that links a person's
 * documents, physical cards, e-card and hospital visit cards ({@link cn.healthcard.ehc.MasterIndexService}); e-card
 * accounts with the e-card ID of the crypto device, opened from the API, at the desk or in bulk for existing card
 * holders, following their physical card ({@link cn.healthcard.ehc.EhcAccountService},
 * {@link cn.healthcard.ehc.EhcBulkService}); static and dynamic QR codes; reader terminals and the verification of
 * scanned codes, audited and counted ({@link cn.healthcard.ehc.TerminalService},
 * {@link cn.healthcard.ehc.EhcVerificationService}). See {@code docs/decisions/013-electronic-health-card.md}.
 * Authorised apps reach these services through the {@code gateway} module above this one (decision 015), which uses
 * only their public methods (e.g. {@link cn.healthcard.ehc.MasterIndexService#identify},
 * {@link cn.healthcard.ehc.TerminalService#active}).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "ehc 电子健康卡",
        allowedDependencies = {"card", "common", "crypto", "crypto :: device", "filing", "institution", "report", "resident", "security", "shell"})
package cn.healthcard.ehc;
