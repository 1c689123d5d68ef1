package cn.healthcard.logistics;

/**
 * From the card maker to the registration centre (a sealed batch), or from a centre to a service desk; SAM cards also
 * from a centre to a medical institution or to a city centre.
 */
public enum ShipmentKind {
    MAKER_TO_CENTRE("制卡机构→注册管理中心"),
    CENTRE_TO_DESK("注册管理中心→服务网点"),
    /** SAM cards from a centre's warehouse to the medical institution that will use them (decision 031). */
    CENTRE_TO_INST("注册管理中心→医疗卫生机构"),
    /** SAM cards from a provincial centre to a city centre, which passes them on to its institutions. */
    CENTRE_TO_CENTRE("注册管理中心→注册管理中心");

    private final String nameZh;

    ShipmentKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
