package cn.healthcard.resident;

/** Where a resident-data conflict case stands. */
public enum ResidentConflictStatus {
    /** Filed, waiting for the record's centre. */
    IN_REVIEW("待核实"),
    /** Approved: the record's identity data are the filed ones now. */
    CORRECTED("已更正"),
    /** Rejected by the reviewer or refused by the system check: nothing changed. */
    REJECTED("未通过");

    private final String nameZh;

    ResidentConflictStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
