package cn.healthcard.supervision.export;

/**
 * The tables of the supervision screens that can be exported, with their Chinese titles. Only {@link #CASES} lists
 * cases one by one (masked names, case numbers): its exports are personal data (SEC-03).
 */
public enum ExportScreen {
    PRODUCTION("生产监管", "production"),
    ISSUING("发放监管", "issuing"),
    USAGE("用卡监管", "usage"),
    ASSESSMENT("工作考核", "assessment"),
    OVERVIEW("综合统计", "overview"),
    APPLICATIONS("申领分类统计", "applications"),
    CASES("案例明细", "cases");

    private final String title;
    private final String fileName;

    ExportScreen(String title, String fileName) {
        this.title = title;
        this.fileName = fileName;
    }

    /** The table's Chinese title (sheet, PDF heading, audit entry). */
    public String title() {
        return title;
    }

    /** The stem of the file's name, e.g. {@code issuing}. */
    public String fileName() {
        return fileName;
    }

    /** Whether the rows are cases of persons (masked), so an export of them is an export of personal data. */
    public boolean personalData() {
        return this == CASES;
    }
}
