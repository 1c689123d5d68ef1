package cn.healthcard.card;

/**
 * The status of a physical card; exactly one at a time. Changes only through {@link CardAction}s applied by
 * {@link CardService} (the state machine is {@link CardTransitions}).
 */
public enum CardStatus {
    /** 待领取: produced by the card maker, waiting at the institution for pick-up. */
    READY("待领取", "Ready for pick-up"),
    /** 正常: picked up and in use. */
    ACTIVE("正常", "Active"),
    /** 挂失: reported lost; every business on the card is frozen and it is on the blacklist (LC-01). */
    REPORTED_LOST("挂失", "Reported lost"),
    /** 密码锁定: the PIN was entered wrongly too often (LC-03). */
    PIN_LOCKED("密码锁定", "PIN locked"),
    /** 已换卡注销: replaced by a new card; never takes part in any business again (LC-04). */
    REPLACED("已换卡注销", "Replaced (cancelled)"),
    /** 已注销: terminated; can never be re-enabled by any means (LC-06). */
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

    /** Replaced and cancelled cards are finished for good. */
    public boolean terminal() {
        return this == REPLACED || this == CANCELLED;
    }

    /** Only an active card may be used (card use from terminals). */
    public boolean usable() {
        return this == ACTIVE;
    }
}
