package cn.healthcard.logistics;

/** The delivery status of a shipment (APP-11). */
public enum ShipmentStatus {
    CREATED("待发运"),
    DISPATCHED("运输中"),
    DELIVERED("已送达待清点"),
    DISCREPANCY("差异处理中"),
    RECEIVED("已签收入库");

    private final String nameZh;

    ShipmentStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
