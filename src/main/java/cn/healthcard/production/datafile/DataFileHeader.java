package cn.healthcard.production.datafile;

/**
 * The signed, readable head of a production data file (format {@value DataFileFormat#FORMAT}, decision 026): who it is
 * for, which batch, and the keys — every key only wrapped under the card maker's transport key (PER-05). No personal
 * data.
 *
 * @param format          {@value DataFileFormat#FORMAT}
 * @param fileName        the name by the naming rule ({@link DataFileFormat#fileName})
 * @param batchNo         the production batch number
 * @param makerCode       the card maker's institution code: the only reader
 * @param issuerCode      the issuing centre's institution code
 * @param regionCode      the issuing centre's region (GB/T 2260)
 * @param createdAt       ISO instant of sealing
 * @param transportKey    the maker's transport key the keys are wrapped under: label, version, check value
 * @param dataKey         the file's fresh SM4 data key, {@code HCWK1} wrapped under {@code transportKey}
 * <p>The cards' application keys are not here: each card's own keys travel in its sealed record (PER-03).
 */
public record DataFileHeader(String format, String fileName, String batchNo, String makerCode, String issuerCode,
                             String regionCode, String createdAt, KeyRef transportKey, String dataKey) {

    /** A key by label, version and check value (public data). */
    public record KeyRef(String label, int version, String checkValue) {
    }
}
