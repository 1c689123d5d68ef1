package cn.healthcard.supervision.monthly;

import cn.healthcard.common.AuditableEvent;

import java.util.List;

/** The audited steps of a monthly report (decision 037), each on the report's case ({@code caseRef} = report number). */
public final class MonthlyReportEvents {

    private MonthlyReportEvents() {
    }

    /** An event on one report: its subject, region and case are the report's. */
    public interface OnReport extends AuditableEvent {

        String reportNo();

        String region();

        @Override
        default String subjectType() {
            return "MonthlyReport";
        }

        @Override
        default String subjectId() {
            return reportNo();
        }

        @Override
        default String regionCode() {
            return region();
        }

        @Override
        default String caseRef() {
            return reportNo();
        }
    }

    /** The timer or an admin opened the reports of a month (one event per open, listing how many were new). */
    public record MonthlyReportsOpened(String month, int opened, int existing, List<String> failed, String openedBy)
            implements AuditableEvent {
        @Override
        public String subjectType() {
            return "MonthlyReport";
        }

        @Override
        public String subjectId() {
            return month;
        }

        @Override
        public String regionCode() {
            return null;
        }

        @Override
        public String detail() {
            return "开启 " + month + " 月度报告 " + opened + " 份（已有 " + existing + " 份"
                    + (failed.isEmpty() ? "" : "，失败地区 " + String.join("、", failed)) + "），操作人 " + openedBy;
        }
    }

    /** A report's PDF was rendered (again after a send-back). */
    public record MonthlyReportGenerated(String reportNo, String region, String month, int generation, String sm3)
            implements OnReport {
        @Override
        public String detail() {
            return month + " 月度报告第 " + generation + " 次生成，SM3 " + sm3;
        }
    }

    /** The region's supervisor approved or sent back the report. */
    public record MonthlyReportReviewed(String reportNo, String region, String decision, String comment)
            implements OnReport {
        @Override
        public String detail() {
            return "审核结论 " + decision + (comment == null ? "" : "，意见：" + comment);
        }
    }

    /** The approved report was published: listed for everyone in scope, its SM3 fixed. */
    public record MonthlyReportPublished(String reportNo, String region, String month, String sm3)
            implements OnReport {
        @Override
        public String detail() {
            return month + " 月度报告已发布，SM3 " + sm3;
        }
    }

    /** Someone downloaded a report's PDF (published, or a draft by the region's supervisor). */
    public record MonthlyReportDownloaded(String reportNo, String region, String status, String sm3)
            implements OnReport {
        @Override
        public String detail() {
            return "下载月度报告（" + status + "），SM3 " + sm3;
        }
    }
}
