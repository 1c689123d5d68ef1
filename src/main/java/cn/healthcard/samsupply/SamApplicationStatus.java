package cn.healthcard.samsupply;

/** Where a SAM application is, from registration to its SAMs made (decision 031). */
public enum SamApplicationStatus {
    SUBMITTED("待审核"),
    RETURNED("退回修改"),
    APPROVED("审核通过"),
    REJECTED("未通过"),
    WITHDRAWN("已撤回"),
    REPORTED("已上报"),
    PLANNED("已列入制卡计划"),
    MADE("已制卡");

    private final String nameZh;

    SamApplicationStatus(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
