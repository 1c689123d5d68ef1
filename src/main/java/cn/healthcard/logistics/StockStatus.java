package cn.healthcard.logistics;

/** Where a card is in the chain from the maker to the holder (APP-09, APP-10). */
public enum StockStatus {
    AT_MAKER("在制卡机构"),
    IN_TRANSIT("运输中"),
    IN_STOCK("在库"),
    ISSUED("已发放"),
    DAMAGED("损坏"),
    MISSING("缺失");

    private final String nameZh;

    StockStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
