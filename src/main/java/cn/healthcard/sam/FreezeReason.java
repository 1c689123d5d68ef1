package cn.healthcard.sam;

/** Why a SAM card is to be frozen (seeds 004 4.3.4). A reported loss may be frozen urgently. */
public enum FreezeReason {
    LOST("丢失"), SUSPECTED_MISUSE("疑似违规使用");

    private final String nameZh;

    FreezeReason(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
