package cn.healthcard.production.datafile;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The binary layout of a production data file, format {@value #FORMAT} (decision 026), and the file naming rule
 * (PER-01, seed 000 §8):
 *
 * <pre>
 * "HCDF1\n"                                    magic, 6 bytes
 * u32 n ‖ header (n bytes of JSON, {@link DataFileHeader})
 * for each card: u32 m (m &gt; 0) ‖ iv (12) ‖ SM4-GCM(data key, aad, record) ‖ tag (16)
 *                aad = SM3(header bytes) ‖ u32 index; record = u32 j ‖ JSON (j bytes) ‖ photo
 * u32 0 ‖ u32 card count ‖ "HCDF1END"
 * SM2 signature (64 bytes r ‖ s) of the centre over SM3(everything before it), signer ID 1234567812345678
 * </pre>
 *
 * Integers are big-endian. The signature is the last 64 bytes so that a reader checks it before it parses anything.
 */
public final class DataFileFormat {

    public static final String FORMAT = "HCDF1";
    static final byte[] MAGIC = "HCDF1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "HCDF1END".getBytes(StandardCharsets.US_ASCII);
    static final int SIGNATURE_BYTES = 64;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;
    /** Magic, header length, end of records, count, end marker, signature: the smallest possible file. */
    static final int MIN_FILE_BYTES = 6 + 4 + 4 + 4 + 8 + SIGNATURE_BYTES;
    /** The SM2 key pair the centre signs data files with (usage SIGNATURE), created on first use. */
    public static final String SIGNER_LABEL = "datafile.sign";
    public static final String EXTENSION = ".hcdf";

    private static final Pattern BATCH = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");
    private static final Pattern MAKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    private static final Pattern NAME = Pattern.compile(
            "([A-Z0-9][A-Z0-9-]{0,31})_([A-Za-z0-9][A-Za-z0-9-]{0,31})_(\\d{8})_(\\d{3})\\" + EXTENSION);

    private DataFileFormat() {
    }

    /**
     * The file name by the naming rule: {@code <batch>_<maker>_<yyyyMMdd>_<seq>.hcdf}, e.g.
     * {@code PC2026120601_ZK-440100_20261206_001.hcdf}; {@code seq} counts the files of one batch for one day (a
     * resend of corrected cards is the next number).
     */
    public static String fileName(String batchNo, String makerCode, LocalDate date, int sequence) {
        if (batchNo == null || !BATCH.matcher(batchNo).matches()) {
            throw new IllegalArgumentException("批次号应为 1–32 位大写字母、数字或连字符");
        }
        if (makerCode == null || !MAKER.matcher(makerCode).matches()) {
            throw new IllegalArgumentException("制卡机构代码应为 1–32 位字母、数字或连字符");
        }
        if (sequence < 1 || sequence > 999) {
            throw new IllegalArgumentException("文件序号应为 1–999");
        }
        return batchNo + "_" + makerCode + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "_"
                + String.format("%03d", sequence) + EXTENSION;
    }

    /** Whether {@code code} is a maker code the naming rule accepts (1–32 letters, digits, hyphens). */
    public static boolean isMakerCode(String code) {
        return code != null && MAKER.matcher(code).matches();
    }

    /** Whether {@code batchNo} is a batch number the naming rule accepts (1–32 upper-case letters, digits, hyphens). */
    public static boolean isBatchNo(String batchNo) {
        return batchNo != null && BATCH.matcher(batchNo).matches();
    }

    /** Whether {@code name} follows the naming rule. */
    public static boolean isFileName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The device label of a file's data key. */
    static String dataKeyLabel(String fileName) {
        return "datafile." + fileName.substring(0, fileName.length() - EXTENSION.length())
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static void writeInt(java.io.OutputStream out, int value) throws java.io.IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    static byte[] aad(byte[] headerDigest, int index) {
        byte[] aad = java.util.Arrays.copyOf(headerDigest, headerDigest.length + 4);
        aad[headerDigest.length] = (byte) (index >>> 24);
        aad[headerDigest.length + 1] = (byte) (index >>> 16);
        aad[headerDigest.length + 2] = (byte) (index >>> 8);
        aad[headerDigest.length + 3] = (byte) index;
        return aad;
    }

    /**
     * A card's diversification data {@code f} (8 bytes) for deriving its application keys from the roots in the file's
     * header ({@code child = SM4-ECB(root, f || ~f)}, the {@code DerivedKey} rule): the card number's last 16 digits as
     * packed BCD, left-padded with {@code F} nibbles when it has fewer.
     *
     * @throws IllegalArgumentException if the last 16 characters are not all digits
     */
    public static byte[] cardDiversification(String cardNo) {
        String tail = cardNo.length() > 16 ? cardNo.substring(cardNo.length() - 16) : cardNo;
        if (!tail.matches("\\d{1,16}")) {
            throw new IllegalArgumentException("card number has no 16 trailing digits: " + cardNo);
        }
        return java.util.HexFormat.of().parseHex("F".repeat(16 - tail.length()) + tail);
    }

    /**
     * The id a card's application key has on the maker's device: {@code hc.<purpose>.card-<card number>}, the version
     * of the city root it was derived from (e.g. {@code hc.internal-auth.card-150902000000000001} v1).
     */
    public static cn.healthcard.crypto.device.KeyId cardKeyId(cn.healthcard.crypto.device.KeyId root, String cardNo) {
        String label = root.label();
        return new cn.healthcard.crypto.device.KeyId(label.substring(0, label.lastIndexOf('.')) + ".card-"
                + cardNo.toLowerCase(java.util.Locale.ROOT), root.version());
    }

    /** The handle of a card's application key: derived in the centre's device from {@code root}, never stored. */
    public static cn.healthcard.crypto.device.DerivedKey cardKey(cn.healthcard.crypto.device.KeyHandle root,
                                                                String cardNo) {
        return new cn.healthcard.crypto.device.DerivedKey(root, cardDiversification(cardNo));
    }
}
