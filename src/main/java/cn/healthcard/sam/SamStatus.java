package cn.healthcard.sam;

/**
 * The status a SAM card is shown and filtered by, derived from its {@link SamState} and its binding (decision 030):
 * cancelled and frozen first, then bound to a terminal, else in stock where it is.
 */
public enum SamStatus {
    IN_STOCK("在库"), BOUND("已绑定"), FROZEN("已冻结"), CANCELLED("已注销");

    private final String nameZh;

    SamStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    public static SamStatus of(SamState state, boolean bound) {
        return switch (state) {
            case CANCELLED -> CANCELLED;
            case FROZEN -> FROZEN;
            case ACTIVE -> bound ? BOUND : IN_STOCK;
        };
    }
}
