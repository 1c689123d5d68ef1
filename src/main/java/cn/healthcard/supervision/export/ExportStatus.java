package cn.healthcard.supervision.export;

/** Where an export job is. DONE files are kept for a day, then EXPIRED; a restart ends open jobs as FAILED. */
public enum ExportStatus {
    QUEUED("排队中"), RUNNING("导出中"), DONE("已完成"), FAILED("失败"), EXPIRED("已过期"), DIRECT("已直接下载");

    private final String label;

    ExportStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the job has not ended yet. */
    public boolean open() {
        return this == QUEUED || this == RUNNING;
    }
}
