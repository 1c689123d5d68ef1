package cn.healthcard.samsupply;

/** The kind of terminal the SAM cards of an application are for (申领的终端类型). */
public enum SamTerminalType {
    POS("POS终端"),
    SELF_SERVICE("自助服务终端"),
    COUNTER("窗口读写卡终端"),
    MOBILE("移动终端");

    private final String nameZh;

    SamTerminalType(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
