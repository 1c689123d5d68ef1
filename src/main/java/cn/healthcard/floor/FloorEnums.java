package cn.healthcard.floor;

/** The fixed vocabularies of the floor, each with its Chinese name (the forms' options and the PDFs print them). */
public final class FloorEnums {

    private FloorEnums() {
    }

    /** Where a batch is on the floor. */
    public enum BatchStatus {
        RELEASED("已下达"), REFUSED("拒收"), RECEIVED("已接收"), STARTING("待第二人确认开工"), IN_PRODUCTION("生产中"),
        PRODUCED("已生产"), HANDED_OVER("已交接"), SCRAP_RECORDED("已登记报废"), COUNTING("清点中"),
        COUNTED("清点一致"), SIGNED_OFF("组长已签字"), SEALED("已封箱"), CLOSING("待第二人确认收工"), CLOSED("已收工");

        private final String nameZh;

        BatchStatus(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** The production steps between which cards are handed over with a form (PER-07), in order. */
    public enum HandoverStep {
        PERSONALISATION("个人化"), QUALITY_CHECK("质量检验"), PACKING("包装");

        private final String nameZh;

        HandoverStep(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }

        public boolean last() {
            return this == values()[values().length - 1];
        }
    }

    /** Scrap categories counted daily (PER-08). */
    public enum ScrapCategory {
        CARD_DAMAGED("损坏卡"), PRINT_DEFECT("印刷不良卡"), CHIP_FAILURE("芯片失效卡"), MODULE_SCRAPPED("报废模块");

        private final String nameZh;

        ScrapCategory(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }

        /** Whether a scrapped item is a personalised card (with a card number reported to production). */
        public boolean card() {
            return this != MODULE_SCRAPPED;
        }
    }

    /** The stocks reconciled daily (PER-09). */
    public enum Stock {
        WHITE("白卡"), SEMI("半成品卡"), FINISHED("成品卡");

        private final String nameZh;

        Stock(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** A warehouse movement: in, out, or scrapped. */
    public enum Direction {
        IN("入库"), OUT("出库"), SCRAP("报废");

        private final String nameZh;

        Direction(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** Work shifts of the production log (PER-10). */
    public enum Shift {
        MORNING("早班"), MIDDLE("中班"), NIGHT("夜班");

        private final String nameZh;

        Shift(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** What happened to a box in the store (PER-12). */
    public enum BoxIncidentKind {
        DAMAGED("箱体破损"), OPENED("封签开启");

        private final String nameZh;

        BoxIncidentKind(String nameZh) {
            this.nameZh = nameZh;
        }

        public String nameZh() {
            return nameZh;
        }
    }
}
