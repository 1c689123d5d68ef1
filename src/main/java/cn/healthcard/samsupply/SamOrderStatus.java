package cn.healthcard.samsupply;

/**
 * An order to a SAM maker: ORDERED (waiting to be sent, or retried with back-off), SENDING (claimed by one sender —
 * no other node or thread sends it meanwhile), MADE (the answer is applied), FAILED (the maker's answer was refused,
 * the maker has no SAM filing in force any more, or the attempts ran out; never sent again, shown in supervision).
 */
public enum SamOrderStatus {
    ORDERED("已下单"),
    SENDING("发送中"),
    MADE("已制卡"),
    FAILED("下单失败");

    private final String nameZh;

    SamOrderStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
