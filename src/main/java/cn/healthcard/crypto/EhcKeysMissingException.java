package cn.healthcard.crypto;

/** The crypto device holds no usable e-card key for a region: the province's key has not been made or received yet. */
public class EhcKeysMissingException extends CryptoException {

    private final String label;
    private final String regionCode;

    public EhcKeysMissingException(String label, String regionCode) {
        super("The crypto device has no active key " + label + " for the e-cards of region " + regionCode);
        this.label = label;
        this.regionCode = regionCode;
    }

    /** The device label that has no active version. */
    public String label() {
        return label;
    }

    /** The region whose e-card was asked for. */
    public String regionCode() {
        return regionCode;
    }
}
