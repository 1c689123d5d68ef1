package cn.healthcard.logistics;

/** A shipped box as the receiver found it at the count (PER-12, PER-13). */
public enum BoxStatus {
    EXPECTED("待清点"),
    RECEIVED("完好"),
    DAMAGED("破损开封"),
    MISSING("缺失");

    private final String nameZh;

    BoxStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
