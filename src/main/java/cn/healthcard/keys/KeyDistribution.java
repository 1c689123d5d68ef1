package cn.healthcard.keys;

/**
 * A key distribution file (format {@code HCKD1}): JSON naming the key (label, version, level, region, check value),
 * the receiver and its transport key, with the key wrapped under that transport key ({@code HCWK1}). No plaintext.
 *
 * @param fileName e.g. {@code hc.app-data-read.110000-v1-BJ-110000.hckd.json}
 * @param content  the JSON text
 */
public record KeyDistribution(String fileName, String content) {
}
