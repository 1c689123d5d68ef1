package cn.healthcard.production;

/** The card maker refused an order or could not be reached. */
public class CardProductionException extends RuntimeException {
    public CardProductionException(String message) {
        super(message);
    }
}
