package cn.healthcard.samsupply;

/** An order to a SAM maker: sent (and retried) until the maker's answer is recorded. */
public enum SamOrderStatus {
    ORDERED("已下单"),
    MADE("已制卡");

    private final String nameZh;

    SamOrderStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
