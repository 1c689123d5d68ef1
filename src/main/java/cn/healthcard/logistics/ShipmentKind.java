package cn.healthcard.logistics;

/** From the card maker to the registration centre (a sealed batch), or from a centre to a service desk. */
public enum ShipmentKind {
    MAKER_TO_CENTRE("制卡机构→注册管理中心"),
    CENTRE_TO_DESK("注册管理中心→服务网点");

    private final String nameZh;

    ShipmentKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
