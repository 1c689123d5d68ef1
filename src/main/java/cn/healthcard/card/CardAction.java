package cn.healthcard.card;

/** What can be done to a card. Each action has its legal source statuses and one target (see {@link CardTransitions}). */
public enum CardAction {
    ACTIVATE("领卡启用", "Activate on pick-up"),
    REPORT_LOSS("挂失", "Report lost"),
    UNLOSS("解挂", "Cancel loss report"),
    PIN_LOCK("密码锁定", "PIN locked"),
    UNLOCK("解锁", "Unlock"),
    REPLACE("补换注销", "Replace"),
    CANCEL("注销", "Cancel (terminate)"),
    /** A card never handed over, lost or damaged in transit and replaced by a new production round (issue #13). */
    VOID("作废（未发放）", "Void (never issued)");

    private final String nameZh;
    private final String nameEn;

    CardAction(String nameZh, String nameEn) {
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
