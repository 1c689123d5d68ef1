package cn.healthcard.logistics;

/**
 * What a stock item, a shipment and a warehouse record hold (decision 031): residents' health cards (issue #13) or
 * SAM cards for institutions' terminals (issue #14). Both go through the same stock, shipments, receipt process and
 * authorised receivers; an item's number is its card number or its SAM number.
 */
public enum ItemKind {
    CARD("居民健康卡"),
    SAM("SAM卡");

    private final String nameZh;

    ItemKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
