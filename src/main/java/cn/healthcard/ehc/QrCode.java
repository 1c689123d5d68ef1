package cn.healthcard.ehc;

import java.time.Instant;

/**
 * The text of an e-card QR code (design.md §5): static {@code <ehcId>:1}, dynamic {@code <ehcId>:0:<validity>}.
 *
 * @param validUntil the expiry of a dynamic code (to the second), null for a static code
 */
public record QrCode(String text, Type type, Instant validUntil) {

    /** Static: printable, for registration and consultation; dynamic: per use, for record queries and settlement. */
    public enum Type {
        STATIC, DYNAMIC
    }
}
