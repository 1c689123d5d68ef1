package cn.healthcard.lifecycle;

import cn.healthcard.card.CardAction;

/**
 * The card lifecycle requests of seed 001 §12–13, each a BPMN process (file = process key) with a clerk form, a
 * revise form for a sent-back request, and the card action it leads to once approved.
 */
public enum RequestType {
    LOSS_REPORT("loss-report", "挂失", "Loss report", CardAction.REPORT_LOSS),
    UNLOSS("unloss", "解挂", "Cancel loss report", CardAction.UNLOSS),
    UNLOCK("unlock", "解锁", "Unlock", CardAction.UNLOCK),
    REPLACEMENT("replacement", "补换", "Replacement", CardAction.REPLACE),
    CANCELLATION("cancellation", "注销", "Cancellation", CardAction.CANCEL);

    private final String key;
    private final String nameZh;
    private final String nameEn;
    private final CardAction action;

    RequestType(String key, String nameZh, String nameEn, CardAction action) {
        this.key = key;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.action = action;
    }

    /** Process key, form key and URL segment, e.g. {@code loss-report}. */
    public String key() {
        return key;
    }

    public String processKey() {
        return key;
    }

    public String formKey() {
        return key;
    }

    public String reviseFormKey() {
        return key + "-revise";
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public CardAction action() {
        return action;
    }

    /** The process keys of all request types (the review and revise steps are shared). */
    public static java.util.Set<String> processKeys() {
        return java.util.Arrays.stream(values()).map(RequestType::processKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static RequestType ofKey(String key) {
        for (RequestType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown request type " + key);
    }
}
