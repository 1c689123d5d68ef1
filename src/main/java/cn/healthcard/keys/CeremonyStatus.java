package cn.healthcard.keys;

/** Where a key ceremony is. */
public enum CeremonyStatus {
    /** Started by one key administrator; a different one must co-sign. */
    AWAITING_COSIGN("待复核", "Awaiting co-signature"),
    /** Backup: the components wait to be taken into custody. Recovery: the components wait to be presented. */
    AWAITING_CUSTODIANS("待保管人办理", "Awaiting custodians"),
    /** The co-signer refused: nothing was done. */
    REFUSED("复核未通过", "Refused"),
    /** Done. */
    COMPLETED("已完成", "Completed"),
    /** The operation failed (e.g. a component was missing): nothing was changed. */
    FAILED("失败", "Failed");

    private final String nameZh;
    private final String nameEn;

    CeremonyStatus(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public boolean open() {
        return this == AWAITING_COSIGN || this == AWAITING_CUSTODIANS;
    }
}
