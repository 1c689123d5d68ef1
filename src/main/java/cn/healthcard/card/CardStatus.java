package cn.healthcard.card;

/** The status of a physical card. The full lifecycle (loss, lock, replacement, cancellation) comes with issue #3. */
public enum CardStatus {
    /** 已制成: produced by the card maker, waiting at the institution for pick-up. */
    READY("待领取", "Ready for pick-up"),
    /** 正常: picked up and in use. */
    ACTIVE("正常", "Active"),
    /** 已注销: terminated for good (LC-06). */
    CANCELLED("已注销", "Cancelled");

    private final String nameZh;
    private final String nameEn;

    CardStatus(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
