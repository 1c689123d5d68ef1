package cn.healthcard.ehc;

/**
 * A code scanned by a terminal (识读终端, EHC-05).
 *
 * @param qrText     the text read from the QR code
 * @param terminalId the registered terminal that read it
 * @param scene      where it is used; null = a non-core scene (static codes accepted)
 */
public record VerificationRequest(String qrText, String terminalId, Scene scene) {
}
