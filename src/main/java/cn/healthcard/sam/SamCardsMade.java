package cn.healthcard.sam;

import java.util.List;

/**
 * A SAM maker has made these SAM cards in batch {@code batchNo} of a SAM production order placed by
 * {@code orderingCentreCode}. The SAM register records each number as made, held by the maker {@code makerCode}.
 * Published by the SAM supply chain in the transaction that records the maker's answer.
 */
public record SamCardsMade(String batchNo, String makerCode, String orderingCentreCode, List<String> samNumbers) {

    public SamCardsMade {
        samNumbers = List.copyOf(samNumbers);
    }
}
