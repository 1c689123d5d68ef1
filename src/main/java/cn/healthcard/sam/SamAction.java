package cn.healthcard.sam;

/** What a SAM case asks for (processes/sam-freeze.bpmn). */
public enum SamAction {
    FREEZE("冻结"), UNFREEZE("解冻"), CANCEL("注销");

    private final String nameZh;

    SamAction(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
