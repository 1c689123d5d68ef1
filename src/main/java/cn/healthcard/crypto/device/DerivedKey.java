package cn.healthcard.crypto.device;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An SM4 key the device derives from {@code parent} whenever it is used, by the diversification rule of the health
 * card key system (design.md §5): {@code child = SM4-ECB(parent, f || ~f)} with 8 bytes of diversification data
 * {@code f}. It is how the e-card user key comes from the application-data-read root key, and how one level of the
 * three-level key hierarchy (national → provincial → city, KEY-01) comes from the level above; nest handles for
 * several levels. Nothing is stored: the handle holds only the parent's reference and {@code f}.
 *
 * @param parent         a key of usage {@link KeyUsage#DERIVATION}, or another derived key
 * @param diversification {@code f}, exactly 8 bytes (copied)
 */
public record DerivedKey(KeyHandle parent, byte[] diversification) implements KeyHandle {

    /** The length of the diversification data {@code f}. */
    public static final int DIVERSIFICATION_BYTES = 8;

    public DerivedKey {
        if (parent == null) {
            throw new IllegalArgumentException("A derived key needs a parent key");
        }
        if (diversification == null || diversification.length != DIVERSIFICATION_BYTES) {
            throw new IllegalArgumentException("Diversification data has 8 bytes, not "
                    + (diversification == null ? "none" : diversification.length));
        }
        diversification = diversification.clone();
    }

    /** The diversification data {@code f} (a copy). */
    @Override
    public byte[] diversification() {
        return diversification.clone();
    }

    /** The stored key at the root of this derivation. */
    public KeyId root() {
        return parent instanceof DerivedKey derived ? derived.root() : (KeyId) parent;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DerivedKey that && parent.equals(that.parent)
                && Arrays.equals(diversification, that.diversification);
    }

    @Override
    public int hashCode() {
        return 31 * parent.hashCode() + Arrays.hashCode(diversification);
    }

    /** Names the parent and the diversification data (public data, not key material). */
    @Override
    public String toString() {
        return "DerivedKey[" + parent + " / " + HexFormat.of().withUpperCase().formatHex(diversification) + "]";
    }
}
