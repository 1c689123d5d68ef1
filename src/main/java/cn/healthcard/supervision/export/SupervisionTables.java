package cn.healthcard.supervision.export;

import cn.healthcard.report.TableExport;
import cn.healthcard.supervision.AssessmentRow;
import cn.healthcard.supervision.CaseRow;
import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.OverviewRow;
import cn.healthcard.supervision.ProductionRow;
import cn.healthcard.supervision.UsageRow;

/**
 * The export tables of the supervision screens: one definition per row type, used alike by the CSV, the Excel
 * workbook and the PDF's table, so what is printed is what is exported. Counts are summed into the totals row
 * 「合计」; shares, averages and the overview's mixed categories are not (a sum of them means nothing).
 */
public final class SupervisionTables {

    /** SUP-01. */
    public static final TableExport<ProductionRow> PRODUCTION = TableExport.<ProductionRow>sheet("生产监管")
            .text("统计期", ProductionRow::period)
            .text("制卡机构代码", ProductionRow::makerCode)
            .text("制卡机构", ProductionRow::makerName)
            .text("生产计划", ProductionRow::planNo)
            .text("批次", ProductionRow::batchNo)
            .sum("下单数", ProductionRow::ordered)
            .sum("制成数", ProductionRow::made)
            .sum("失败数", ProductionRow::failed)
            .sum("报废数", ProductionRow::scrapped)
            .sum("未回复数", ProductionRow::open)
            .number("进度(%)", ProductionRow::progressPct)
            .number("成功率(%)", ProductionRow::successPct);

    /** SUP-02. */
    public static final TableExport<IssuingRow> ISSUING = TableExport.<IssuingRow>sheet("发放监管")
            .text("统计期", IssuingRow::period)
            .text("行政区划代码", IssuingRow::regionCode)
            .text("行政区划", IssuingRow::regionName)
            .text("机构代码", IssuingRow::institutionCode)
            .text("机构", IssuingRow::institutionName)
            .sum("申领数", IssuingRow::applied)
            .sum("制卡数", IssuingRow::made)
            .sum("发放数", IssuingRow::issued)
            .sum("签收数", IssuingRow::signed)
            .sum("未签收数", IssuingRow::unsigned);

    /** SUP-03. */
    public static final TableExport<UsageRow> USAGE = TableExport.<UsageRow>sheet("用卡监管")
            .text("统计期", UsageRow::period)
            .text("行政区划代码", UsageRow::regionCode)
            .text("机构代码", UsageRow::institutionCode)
            .text("医疗机构", UsageRow::institutionName)
            .text("环节", UsageRow::stage)
            .sum("刷卡次数", UsageRow::cardUses)
            .sum("电子健康卡核验次数", UsageRow::ecardVerifications);

    /** SUP-04. */
    public static final TableExport<AssessmentRow> ASSESSMENT = TableExport.<AssessmentRow>sheet("工作考核")
            .text("行政区划代码", AssessmentRow::regionCode)
            .text("机构代码", AssessmentRow::institutionCode)
            .text("机构", AssessmentRow::institutionName)
            .sum("办理件数", AssessmentRow::handled)
            .number("平均办理时长(小时)", AssessmentRow::avgHours)
            .number("P90办理时长(小时)", AssessmentRow::p90Hours)
            .number("退回率(%)", AssessmentRow::sentBackPct)
            .number("驳回率(%)", AssessmentRow::rejectedPct)
            .sum("超期未办", AssessmentRow::overdueOpen);

    /** STAT-01 (and, with another sheet name, APP-04). */
    public static final TableExport<OverviewRow> OVERVIEW = overview("综合统计");

    /** APP-04. */
    public static final TableExport<OverviewRow> APPLICATIONS = overview("申领分类统计");

    /**
     * The cases behind a number: masked names only (SEC-02). One sheet for every kind of row (decision 039): the
     * kind says what 编号, 状态/环节 and 日期 hold; 数量 is a completed task's minutes or a verification counter row's
     * count; 附加信息 a production answer's or a SAM card's batch, a verification counter row's SAM number, a request's
     * type, a filing's manufacturer, an institution's name.
     */
    public static final TableExport<CaseRow> CASES = TableExport.<CaseRow>sheet("案例明细")
            .text("业务编号/卡号/终端/SAM卡号/机构代码", CaseRow::caseNo)
            .text("类别", CaseRow::kind)
            .text("行政区划代码", CaseRow::regionCode)
            .text("机构代码/产品类型", CaseRow::institutionCode)
            .text("姓名(脱敏)", CaseRow::maskedName)
            .text("状态/环节/原因/机构类别", CaseRow::status)
            .date("日期", CaseRow::date)
            .number("数量(用时分钟/核验次数)", CaseRow::quantity)
            .text("附加信息(批次/SAM卡号/业务类型/生产企业/机构名称)", CaseRow::detail);

    private SupervisionTables() {
    }

    private static TableExport<OverviewRow> overview(String sheet) {
        return TableExport.<OverviewRow>sheet(sheet)
                .text("类别", OverviewRow::category)
                .text("项目代码", OverviewRow::item)
                .text("项目", OverviewRow::label)
                .number("数量", OverviewRow::count);
    }

    /** The table of a screen. */
    public static TableExport<?> of(ExportScreen screen) {
        return switch (screen) {
            case PRODUCTION -> PRODUCTION;
            case ISSUING -> ISSUING;
            case USAGE -> USAGE;
            case ASSESSMENT -> ASSESSMENT;
            case OVERVIEW -> OVERVIEW;
            case APPLICATIONS -> APPLICATIONS;
            case CASES -> CASES;
        };
    }
}
