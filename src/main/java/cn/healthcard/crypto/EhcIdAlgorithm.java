package cn.healthcard.crypto;

import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.DerivedKey;
import cn.healthcard.crypto.device.KeyId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The e-card algorithms of the electronic health card (电子健康卡, design.md §5), computed by the crypto device with
 * keys that stay inside it:
 * <ul>
 *   <li>the <b>e-card ID</b> (EHC-02): {@code SM4-ECB(userKey, ASCII(idType + idNumber) zero-padded to 16-byte
 *       blocks)} as upper-case hex, where {@code userKey = SM4-ECB(rootKey, f || ~f)} and {@code f} is the XOR of the
 *       8-byte groups of the master index ID; the root key is the application-data-read key (应用数据读取密钥, the
 *       安全密钥 of 003 §5.3), label {@value #APP_DATA_READ_KEY};</li>
 *   <li>the <b>validity</b> of a dynamic QR code (EHC-04, {@code <ehcId>:0:<validity>}): the expiry
 *       {@code YYYYMMDDHHMMSS} read as hex digits (7 bytes), zero-padded to one block and SM4-ECB-encrypted under the
 *       internal-authentication key (内部认证密钥, the 保护密钥), label {@value #INTERNAL_AUTH_KEY}, as upper-case hex.</li>
 * </ul>
 * The current active version of each key is used. Thread-safe.
 */
public class EhcIdAlgorithm {

    /** The application-data-read key: the root from which each resident's e-card user key is derived. */
    public static final String APP_DATA_READ_KEY = "ehc.app-data-read";

    /** The internal-authentication key: the protection key of the dynamic QR code's validity. */
    public static final String INTERNAL_AUTH_KEY = "ehc.internal-auth";

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern MASTER_INDEX = Pattern.compile("(?:[0-9A-Fa-f]{16})+");
    private static final Pattern ID_TYPE = Pattern.compile("[0-9]{2}");
    private static final Pattern ID_NUMBER = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern VALIDITY = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int BLOCK = 16;
    private static final int EXPIRY_BYTES = 7;

    private final CryptoDevice device;

    public EhcIdAlgorithm(CryptoDevice device) {
        this.device = device;
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

    /** The resident's e-card user key, inside the device: derived from the current application-data-read key. */
    public DerivedKey userKey(String masterIndexId) {
        return new DerivedKey(device.currentKey(APP_DATA_READ_KEY), diversification(masterIndexId));
    }

    /**
     * The e-card ID (电子健康卡ID) of a resident (EHC-02).
     *
     * @param masterIndexId the resident's master index ID (主索引ID), hexadecimal
     * @param idType        the document type code, two digits (WS 364 CV02.01.101, e.g. {@code 01} 居民身份证)
     * @param idNumber      the document number as written (printable ASCII, e.g. {@code 11010020171225006X})
     * @return upper-case hex, 32 characters per started 16 bytes of {@code idType + idNumber}
     */
    public String ehcId(String masterIndexId, String idType, String idNumber) {
        if (idType == null || !ID_TYPE.matcher(idType).matches()) {
            throw new IllegalArgumentException("A document type code has two digits, e.g. 01");
        }
        if (idNumber == null || !ID_NUMBER.matcher(idNumber).matches()) {
            throw new IllegalArgumentException("A document number is 1 to 64 printable ASCII characters without spaces");
        }
        byte[] text = (idType + idNumber).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = Arrays.copyOf(text, (text.length + BLOCK - 1) / BLOCK * BLOCK);
        return HEX.formatHex(device.sm4EncryptEcb(userKey(masterIndexId), padded));
    }

    /**
     * The encrypted validity of a dynamic QR code (EHC-04) expiring at {@code expiry} (to the second).
     *
     * @return 32 upper-case hex digits
     */
    public String encryptValidity(LocalDateTime expiry) {
        byte[] block = Arrays.copyOf(HEX.parseHex(EXPIRY.format(expiry)), BLOCK);
        return HEX.formatHex(device.sm4EncryptEcb(protectionKey(), block));
    }

    /**
     * The expiry in an encrypted validity made by {@link #encryptValidity}.
     *
     * @throws IllegalArgumentException if {@code validity} is not 32 hex digits or does not decrypt to an expiry
     *                                  under the internal-authentication key (forged, altered or another key)
     */
    public LocalDateTime decryptValidity(String validity) {
        if (validity == null || !VALIDITY.matcher(validity).matches()) {
            throw new IllegalArgumentException("An encrypted validity is 32 hex digits");
        }
        byte[] block = device.sm4DecryptEcb(protectionKey(), HEX.parseHex(validity.toUpperCase()));
        for (int i = EXPIRY_BYTES; i < BLOCK; i++) {
            if (block[i] != 0) {
                throw new IllegalArgumentException("The validity does not decrypt to an expiry: forged, altered, or "
                        + "made under another key");
            }
        }
        try {
            return LocalDateTime.parse(HEX.formatHex(block, 0, EXPIRY_BYTES), EXPIRY);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The validity does not decrypt to an expiry: forged, altered, or made "
                    + "under another key", e);
        }
    }

    private KeyId protectionKey() {
        return device.currentKey(INTERNAL_AUTH_KEY);
    }
}
