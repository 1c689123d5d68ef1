package cn.healthcard.production;

/**
 * The card maker (制卡机构), an external system. A production adapter for a real maker implements this port; the
 * default adapter is a simulator ({@code internal.SimulatedCardMaker}). The maker answers asynchronously by
 * publishing {@link CardProductionCompleted}.
 */
public interface CardProductionPort {

    /**
     * Hands one card's production data to the maker.
     *
     * @return the maker's reference for the order
     * @throws CardProductionException when the maker refuses the order or cannot be reached; the process engine
     *                                 retries and finally raises an incident for an admin
     */
    String requestProduction(ProductionRequest request);
}
