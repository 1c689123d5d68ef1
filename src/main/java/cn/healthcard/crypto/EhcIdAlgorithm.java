package cn.healthcard.crypto;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-card algorithms of the electronic health card (电子健康卡, design.md §5), computed by the crypto device with
 * the province's card application keys of the key hierarchy (decisions 014, 017), which stay inside it:
 * <ul>
 *   <li>the <b>e-card ID</b> (EHC-02): {@code SM4-ECB(userKey, ASCII(idType + idNumber) zero-padded to 16-byte
 *       blocks)} as upper-case hex, where {@code userKey = SM4-ECB(rootKey, f || ~f)} and {@code f} is the XOR of the
 *       8-byte groups of the master index ID; the root key is the current version of the region's
 *       application-data-read key (应用数据读取密钥, the 安全密钥 of 003 §5.3), and the ID names which version made it;</li>
 *   <li>the <b>validity</b> of a dynamic QR code (EHC-04, {@code <ehcId>:0:<validity>}): the expiry
 *       {@code YYYYMMDDHHMMSS} read as hex digits (7 bytes), zero-padded to one block and SM4-ECB-encrypted, as
 *       upper-case hex, under the QR protection key <b>of that e-card</b>: {@code SM4-ECB(internalAuthKey, f || ~f)}
 *       with the same {@code f} as the user key — the XOR of the 8-byte groups of the e-card's master index ID
 *       (design.md §5). The internal-authentication key (内部认证密钥 / 保护密钥) of the region's province is a
 *       derivation key of the hierarchy and does no data operation itself. One key per e-card, not per province: a
 *       validity made for one e-card decrypts to garbage under another's key, so it cannot be spliced behind another
 *       e-card ID. A validity carries no version: it is decrypted under the current version, then under the older
 *       ones the device still holds, newest first; the zero padding and the date tell the right key.</li>
 * </ul>
 * Which device label holds a region's keys is the key hierarchy's rule ({@link KeyLabels}). Thread-safe.
 */
public class EhcIdAlgorithm {

    /** The device labels of a region's e-card keys (the key hierarchy's rule, decision 014). */
    public interface KeyLabels {

        /**
         * The label of the application-data-read key of {@code regionCode}'s e-cards.
         *
         * @throws IllegalArgumentException if {@code regionCode} is not a region code of a known province
         */
        String appDataRead(String regionCode);

        /** The label of the internal-authentication key of {@code regionCode}'s e-cards. */
        String internalAuth(String regionCode);
    }

    /**
     * An e-card ID and the key version that made it.
     *
     * @param value upper-case hex
     * @param key   the version of the application-data-read key it was computed with
     */
    public record EhcId(String value, KeyId key) {
    }

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern MASTER_INDEX = Pattern.compile("(?:[0-9A-Fa-f]{16})+");
    private static final Pattern ID_TYPE = Pattern.compile("[0-9]{2}");
    private static final Pattern ID_NUMBER = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern VALIDITY = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int BLOCK = 16;
    private static final int EXPIRY_BYTES = 7;
    private static final KeyState[] TRIED = {KeyState.ACTIVE, KeyState.ARCHIVED};

    private final CryptoDevice device;
    private final KeyLabels labels;

    public EhcIdAlgorithm(CryptoDevice device, KeyLabels labels) {
        this.device = device;
        this.labels = labels;
    }

    /**
     * The diversification data {@code f} of a master index ID: the XOR of its 8-byte groups.
     *
     * @param masterIndexId hexadecimal, a whole number of 8-byte groups (e.g. 64 hex digits)
     */
    public static byte[] diversification(String masterIndexId) {
        if (masterIndexId == null || !MASTER_INDEX.matcher(masterIndexId).matches()) {
            throw new IllegalArgumentException("A master index ID is hexadecimal in whole 8-byte groups (16, 32, 48, 64 "
                    + "... hex digits)");
        }
        byte[] id = HEX.parseHex(masterIndexId.toUpperCase());
        byte[] f = new byte[DerivedKey.DIVERSIFICATION_BYTES];
        for (int i = 0; i < id.length; i++) {
            f[i % f.length] ^= id[i];
        }
        return f;
    }

    /** A resident's e-card user key, inside the device: derived from the application-data-read key {@code root}. */
    public static DerivedKey userKey(KeyId root, String masterIndexId) {
        return new DerivedKey(root, diversification(masterIndexId));
    }

    /**
     * The e-card ID (电子健康卡ID) of a resident (EHC-02) under the current application-data-read key of the region.
     *
     * @param regionCode    the account's region (GB/T 2260, 6 digits); its province's key is used
     * @param masterIndexId the resident's master index ID (主索引ID), hexadecimal
     * @param idType        the document type code, two digits (WS 364 CV02.01.101, e.g. {@code 01} 居民身份证)
     * @param idNumber      the document number as written (printable ASCII, e.g. {@code 11010020171225006X})
     * @return upper-case hex, 32 characters per started 16 bytes of {@code idType + idNumber}, and the key version
     * @throws EhcKeysMissingException if the device has no active application-data-read key for the region
     */
    public EhcId ehcId(String regionCode, String masterIndexId, String idType, String idNumber) {
        if (idType == null || !ID_TYPE.matcher(idType).matches()) {
            throw new IllegalArgumentException("A document type code has two digits, e.g. 01");
        }
        if (idNumber == null || !ID_NUMBER.matcher(idNumber).matches()) {
            throw new IllegalArgumentException("A document number is 1 to 64 printable ASCII characters without spaces");
        }
        byte[] text = (idType + idNumber).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = Arrays.copyOf(text, (text.length + BLOCK - 1) / BLOCK * BLOCK);
        KeyId root = current(labels.appDataRead(regionCode), regionCode);
        return new EhcId(HEX.formatHex(device.sm4EncryptEcb(userKey(root, masterIndexId), padded)), root);
    }

    /**
     * The encrypted validity of a dynamic QR code (EHC-04) of the e-card of {@code masterIndexId}, expiring at
     * {@code expiry} (to the second), under that e-card's protection key derived from the current
     * internal-authentication key of the region's province.
     *
     * @return 32 upper-case hex digits
     * @throws EhcKeysMissingException if the device has no active internal-authentication key for the region
     */
    public String encryptValidity(String regionCode, String masterIndexId, LocalDateTime expiry) {
        byte[] block = Arrays.copyOf(HEX.parseHex(EXPIRY.format(expiry)), BLOCK);
        byte[] f = diversification(masterIndexId);
        KeyId current = current(labels.internalAuth(regionCode), regionCode);
        return HEX.formatHex(device.sm4EncryptEcb(protectionKey(current, f), block));
    }

    /**
     * The expiry in an encrypted validity made by {@link #encryptValidity} for the e-card of {@code masterIndexId} in
     * the region, under the current or an older (archived) version of the province's internal-authentication key.
     *
     * @throws IllegalArgumentException if {@code validity} is not 32 hex digits or does not decrypt to an expiry
     *                                  under any of them (forged, altered, made for another e-card, another key, or
     *                                  the region has no key), or the region or master index ID is not valid
     */
    public LocalDateTime decryptValidity(String regionCode, String masterIndexId, String validity) {
        if (validity == null || !VALIDITY.matcher(validity).matches()) {
            throw new IllegalArgumentException("An encrypted validity is 32 hex digits");
        }
        byte[] f = diversification(masterIndexId);
        byte[] ciphertext = HEX.parseHex(validity.toUpperCase());
        // the versions that still work: active ones first, then archived ones, each newest first
        List<KeyInfo> versions = device.versions(labels.internalAuth(regionCode));
        for (KeyState state : TRIED) {
            for (int i = versions.size() - 1; i >= 0; i--) {
                KeyInfo info = versions.get(i);
                if (info.state() == state) {
                    Optional<LocalDateTime> expiry = expiry(device.sm4DecryptEcb(protectionKey(info.id(), f),
                            ciphertext));
                    if (expiry.isPresent()) {
                        return expiry.get();
                    }
                }
            }
        }
        throw new IllegalArgumentException("The validity does not decrypt to an expiry: forged, altered, or made for "
                + "another e-card or under another key");
    }

    /** The QR protection key of one e-card, inside the device: derived from an internal-authentication key. */
    public static DerivedKey protectionKey(KeyId internalAuthKey, String masterIndexId) {
        return protectionKey(internalAuthKey, diversification(masterIndexId));
    }

    private static Optional<LocalDateTime> expiry(byte[] block) {
        for (int i = EXPIRY_BYTES; i < BLOCK; i++) {
            if (block[i] != 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(HEX.formatHex(block, 0, EXPIRY_BYTES), EXPIRY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static DerivedKey protectionKey(KeyId internalAuthKey, byte[] f) {
        return new DerivedKey(internalAuthKey, f);
    }

    /** Whether the e-card keys of {@code regionCode}'s province are on the device (ID and validity can be computed). */
    public boolean keysReady(String regionCode) {
        try {
            current(labels.appDataRead(regionCode), regionCode);
            current(labels.internalAuth(regionCode), regionCode);
            return true;
        } catch (EhcKeysMissingException e) {
            return false;
        }
    }

    /**
     * The current (highest active) version of {@code label}: the device's lookup of that label's versions (which looks
     * for a key another node has just made before it answers that there is none, decision 011).
     *
     * @throws EhcKeysMissingException if no version is active
     */
    private KeyId current(String label, String regionCode) {
        try {
            return device.currentKey(label);
        } catch (CryptoException e) {
            throw new EhcKeysMissingException(label, regionCode);
        }
    }
}
