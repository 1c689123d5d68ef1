package cn.healthcard.sam;

/** The kind of terminal a SAM card is bound to (seeds 004 4.3.3: 终端类型). */
public enum TerminalType {
    COUNTER_READER("窗口读卡终端", "Counter card reader"),
    SELF_SERVICE("自助服务终端", "Self-service kiosk"),
    MOBILE_POS("移动结算终端", "Mobile POS"),
    DOCTOR_WORKSTATION("医生工作站读卡器", "Doctor's workstation reader"),
    OTHER("其他终端", "Other terminal");

    private final String nameZh;
    private final String nameEn;

    TerminalType(String nameZh, String nameEn) {
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
