package cn.healthcard.ehc;

/** The account of a registration; {@code created} is false when the person's master index already had one. */
public record EhcRegistrationResult(EhcAccountView account, boolean created) {
}
