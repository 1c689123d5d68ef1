package cn.healthcard.card;

/**
 * Why and on whose behalf a card changes: the request it belongs to, who asked (the clerk), who approved (the
 * supervisor), where (the institution that accepted the request; default: the acting user's), the reason and the form
 * data (JSON). All optional except the reason for manual changes.
 */
public record CardChange(String reason, String requestId, String requestedBy, String approvedBy,
                         String institutionCode, String formData) {

    public static CardChange because(String reason) {
        return new CardChange(reason, null, null, null, null, null);
    }
}
