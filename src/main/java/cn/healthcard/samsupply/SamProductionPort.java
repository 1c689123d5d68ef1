package cn.healthcard.samsupply;

import java.util.List;

/**
 * The SAM maker's side (decision 031): an order of {@code quantity} SAM cards goes out, the maker answers with the
 * batch it made and the SAM numbers it could personalise; the rest failed. The answer for an order is always the same
 * (a retried call gets the set already made, never a second one), and the caller records it once per order.
 */
public interface SamProductionPort {

    /**
     * Sends the order and returns the maker's answer.
     *
     * @throws SamMakerUnavailable when the maker cannot be reached now (the order is retried later)
     */
    Answer make(Order order);

    /** An order to a SAM maker. */
    record Order(String orderNo, String makerCode, String makerCreditCode, int quantity) {
    }

    /**
     * The maker's answer: its batch, the SAM numbers made ({@code [0-9A-Z]{8,32}}, distinct) and how many of the
     * ordered cards failed personalisation; {@code samNumbers.size() + failed} equals the ordered quantity.
     */
    record Answer(String orderNo, String makerCode, String batchNo, List<String> samNumbers, int failed) {
        public Answer {
            samNumbers = List.copyOf(samNumbers);
        }
    }

    /** The maker could not be reached or did not answer. */
    class SamMakerUnavailable extends RuntimeException {
        public SamMakerUnavailable(String message) {
            super(message);
        }
    }
}
