package cn.healthcard.supervision;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.List;

import static cn.healthcard.supervision.StatisticsFixture.FROM;
import static cn.healthcard.supervision.StatisticsFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supervision numbers of the fixed data set ({@link StatisticsFixture}), exactly, on H2 and on PostgreSQL, and
 * their region scope: a province's supervisor sees its cities, a city's supervisor only her city, another province
 * nothing of it and a 403 naming regionCode when she asks for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSupervisionStatisticsIT {

    @Autowired
    SupervisionStatistics statistics;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;

    @Autowired StatisticsFixture fixture;

    static final StatisticsFilter OCTOBER = StatisticsFilter.of(FROM, TO).withGranularity(Granularity.MONTH);

    @BeforeAll
    void writeFixture() {
        fixture.ensure();
    }

    @AfterAll
    void removeRuntimeRows() {
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 ORG-05: applied, made, issued, signed and unsigned per city of the province, per county of the city")
    void issuing() {
        assertThat(users.as("stsup34", () -> statistics.issuing(OCTOBER))).containsExactly(
                new IssuingRow("2026-10", "340100", "合肥市", "ST-340102", "合肥瑶海服务网点", 4, 4, 3, 1, 2),
                new IssuingRow("2026-10", "340200", "芜湖市", "ST-340202", "芜湖镜湖服务网点", 1, 2, 2, 2, 0));
        assertThat(users.as("stsup3401", () -> statistics.issuing(OCTOBER))).containsExactly(
                new IssuingRow("2026-10", "340102", "瑶海区", "ST-340102", "合肥瑶海服务网点", 4, 4, 3, 1, 2));
        assertThat(users.as("stsup37", () -> statistics.issuing(OCTOBER))).containsExactly(
                new IssuingRow("2026-10", "370100", "济南市", "ST-370102", "济南历下服务网点", 2, 1, 1, 1, 0));
        // the province narrowed to one city equals the city's own view
        assertThat(users.as("stsup34", () -> statistics.issuing(OCTOBER.withRegion("340100"))))
                .extracting(IssuingRow::applied).containsExactly(4L);
    }

    @Test
    @DisplayName("SUP-02: not signed for is counted at the end of each period; the previous period for comparison")
    void series() {
        Series unsigned = users.as("stsup34", () -> statistics.series(Measure.UNSIGNED,
                StatisticsFilter.of(FROM, TO))).get(0);
        assertThat(unsigned.points()).hasSize(31);
        assertThat(unsigned.points()).filteredOn(p -> p.value() > 0).extracting(Series.Point::period,
                Series.Point::value).containsExactly(org.assertj.core.groups.Tuple.tuple("2026-10-06", 2L),
                org.assertj.core.groups.Tuple.tuple("2026-10-09", 1L),
                org.assertj.core.groups.Tuple.tuple("2026-10-20", 1L));
        Series applied = users.as("stsup34", () -> statistics.series(Measure.APPLIED,
                OCTOBER.withCompare(true))).get(0);
        assertThat(applied.points()).containsExactly(new Series.Point("2026-10", 5, 1L));
        Series uses = users.as("stsup34", () -> statistics.series(Measure.CARD_USES,
                StatisticsFilter.of(FROM, TO).withGranularity(Granularity.WEEK))).get(0);
        assertThat(uses.points()).extracting(Series.Point::period).startsWith("2026-W40").endsWith("2026-W44");
        assertThat(uses.points().stream().mapToLong(Series.Point::value).sum()).isEqualTo(5);
        assertThat(users.as("stsup34", () -> statistics.series(Measure.HANDLED, OCTOBER)).get(0).points())
                .containsExactly(new Series.Point("2026-10", 3, null));
        assertThat(users.as("stsup34", () -> statistics.series(Measure.CARD_REQUESTS, OCTOBER)).get(0).points())
                .containsExactly(new Series.Point("2026-10", 1, null));
    }

    @Test
    @DisplayName("SUP-04: a step completed at 01:00 China time counts on its China date, whatever the JVM's zone")
    void engineTimesOnChinaDates() {
        Series handled = users.as("stsup37", () -> statistics.series(Measure.HANDLED,
                StatisticsFilter.of(FROM, TO))).get(0);
        assertThat(handled.points()).hasSize(31);
        assertThat(handled.points()).filteredOn(p -> p.value() > 0).containsExactly(
                new Series.Point("2026-10-01", 1, null));
    }

    @Test
    @DisplayName("SUP-01: per batch ordered, made, failed, scrapped, open, progress and success per maker")
    void production() {
        assertThat(users.as("stsup34", () -> statistics.production(OCTOBER))).containsExactly(
                new ProductionRow("2026-10", "ST-MK1", "皖卡制卡厂", "ST-P1", "ST-B1", 10, 7, 1, 1, 1, 90.0, 77.8),
                new ProductionRow("2026-10", "ST-MK2", "鲁卡制卡厂", "ST-P1", "ST-B2", 5, 5, 0, 0, 0, 100.0, 100.0));
        assertThat(users.as("stsup37", () -> statistics.production(OCTOBER))).containsExactly(
                new ProductionRow("2026-10", "ST-MK2", "鲁卡制卡厂", "ST-P2", "ST-B3", 4, 2, 2, 0, 0, 100.0, 50.0));
        assertThat(users.as("stsup34", () -> statistics.production(
                new StatisticsFilter(FROM, TO, Granularity.MONTH, null, null, "ST-MK2", null, false))))
                .extracting(ProductionRow::batchNo).containsExactly("ST-B2");
        assertThat(users.as("stsup3401", () -> statistics.production(OCTOBER))).isEmpty();
    }

    @Test
    @DisplayName("SUP-03: card uses and verified e-cards per stage, per next-level region above city level and per"
            + " medical institution in a city, for a chosen city or institution; China days")
    void usage() {
        // a province sums its institutions per city (decision 040)
        assertThat(users.as("stsup34", () -> statistics.usage(OCTOBER))).containsExactly(
                new UsageRow("2026-10", "340100", null, "各机构合计", "PHARMACY", 2, 0),
                new UsageRow("2026-10", "340100", null, "各机构合计", "REGISTRATION", 3, 4));
        assertThat(users.as("stsup37", () -> statistics.usage(OCTOBER))).containsExactly(
                new UsageRow("2026-10", "370100", null, "各机构合计", "REGISTRATION", 1, 2));
        // its city, chosen, or one institution, per institution
        var perInstitution = java.util.List.of(
                new UsageRow("2026-10", "340102", "ST-H340102", "合肥第一医院", "PHARMACY", 2, 0),
                new UsageRow("2026-10", "340102", "ST-H340102", "合肥第一医院", "REGISTRATION", 3, 4));
        assertThat(users.as("stsup34", () -> statistics.usage(OCTOBER.withRegion("340100"))))
                .containsExactlyElementsOf(perInstitution);
        assertThat(users.as("stsup3401", () -> statistics.usage(OCTOBER))).containsExactlyElementsOf(perInstitution);
        assertThat(users.as("stsup34", () -> statistics.usage(OCTOBER.withInstitution("ST-H340102"))))
                .extracting(UsageRow::regionCode, UsageRow::institutionCode, UsageRow::cardUses)
                .containsExactly(tuple("340100", "ST-H340102", 2L), tuple("340100", "ST-H340102", 3L));
        // 00:30 China time on 7 October is 6 October in UTC: it counts on the 7th
        assertThat(users.as("stsup34", () -> statistics.usage(new StatisticsFilter(FROM, TO, Granularity.DAY, null,
                null, null, "PHARMACY", false)))).extracting(UsageRow::period).containsExactly("2026-10-06",
                "2026-10-07");
    }

    @Test
    @DisplayName("SUP-04: handled, hours to handle (average, p90), sent back and rejected shares, overdue tasks")
    void assessment() {
        assertThat(users.as("stsup34", () -> statistics.assessment(OCTOBER))).containsExactly(
                new AssessmentRow("340102", "ST-340102", "合肥瑶海服务网点", 3, 11.3, 48.0, null, null, 2));
        LocalDate today = LocalDate.now(cn.healthcard.common.ChinaTime.ZONE);
        // other tests (the monthly report) complete steps in 34 today: only this desk's row is asserted
        assertThat(users.as("stsup34", () -> statistics.assessment(StatisticsFilter.of(today, today))))
                .filteredOn(r -> r.institutionCode().equals("ST-340102"))
                .containsExactly(new AssessmentRow("340102", "ST-340102", "合肥瑶海服务网点", 0, null, null, 50.0,
                        25.0, 2));
        assertThat(users.as("stsup37", () -> statistics.assessment(OCTOBER))).containsExactly(
                new AssessmentRow("370000", "ST-C370000", "山东省注册管理中心(统计)", 1, 2.0, 2.0, null, null, 0));
    }

    @Test
    @DisplayName("SUP-04 SUP-02: overdue has one definition: the assessment's, the drill-down's (institution honoured) and the dashboard's agree")
    void overdueAgrees() {
        long assessed = users.as("stsup34", () -> statistics.assessment(OCTOBER)).stream()
                .filter(r -> r.institutionCode().equals("ST-340102")).mapToLong(AssessmentRow::overdueOpen).sum();
        assertThat(assessed).isEqualTo(2); // the assigned task and the desk's group task
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.OVERDUE,
                OCTOBER.withInstitution("ST-340102")))).isEqualTo(assessed);
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.OVERDUE, OCTOBER.withInstitution("ST-340102"),
                0, 10))).extracting(CaseRow::institutionCode).containsOnly("ST-340102");
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.OVERDUE,
                OCTOBER.withInstitution("ST-340202")))).isZero();
        assertThat(users.as("stsup3401", statistics::dashboard).overdueTasks()).isEqualTo(
                users.as("stsup3401", () -> statistics.countCases(Measure.OVERDUE, OCTOBER)));
    }

    @Test
    @DisplayName("STAT-01 LC-07 APP-04: institutions, cards, SAM cards, requests; applications by category")
    void overviewAndCategories() {
        assertThat(users.as("stsup34", () -> statistics.overview(OCTOBER))).extracting(r -> r.category() + ":"
                + r.item() + "=" + r.count()).containsExactly("INSTITUTIONS:CARD_MAKER=1", "INSTITUTIONS:MEDICAL=1",
                "INSTITUTIONS:REGISTRATION_CENTRE=2", "INSTITUTIONS:SERVICE_POINT=2", "CARDS:ACTIVE=3",
                "CARDS:READY=2", "CARDS:REPORTED_LOST=1", "SAM:ACTIVE=1", "SAM:FROZEN=1", "REQUESTS:LOSS_REPORT=1");
        assertThat(users.as("stsup34", () -> statistics.overview(OCTOBER))).contains(
                new OverviewRow("CARDS", "REPORTED_LOST", "挂失", 1));
        assertThat(users.as("stsup37", () -> statistics.overview(OCTOBER))).extracting(r -> r.category() + ":"
                + r.item() + "=" + r.count()).containsExactly("INSTITUTIONS:CARD_MAKER=1", "INSTITUTIONS:MEDICAL=1",
                "INSTITUTIONS:REGISTRATION_CENTRE=1", "INSTITUTIONS:SERVICE_POINT=1", "CARDS:ACTIVE=1");
        assertThat(users.as("stsup34", () -> statistics.applicationCategories(OCTOBER))).containsExactly(
                new OverviewRow("SEX", "1", "男", 5), new OverviewRow("AGE", "40-59", "40-59岁", 5),
                new OverviewRow("DOCUMENT", "01", "居民身份证", 5), new OverviewRow("CHANNEL", "UI", "窗口", 5));
    }

    @Test
    @DisplayName("SUP-02 SEC-03: the cases behind a number, names masked, paged, audited")
    void cases() {
        List<CaseRow> signed = users.as("staud34", () -> statistics.cases(Measure.SIGNED, OCTOBER, 0, 200));
        assertThat(signed).extracting(CaseRow::caseNo, CaseRow::maskedName, CaseRow::date).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SQST0006", "李*", LocalDate.of(2026, 10, 2)),
                org.assertj.core.groups.Tuple.tuple("SQST0001", "王*明", LocalDate.of(2026, 10, 8)),
                org.assertj.core.groups.Tuple.tuple("SQST0005", "王*明", LocalDate.of(2026, 10, 10)));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.UNSIGNED, OCTOBER, 0, 200)))
                .extracting(CaseRow::caseNo).containsExactly("SQST0002", "SQST0003");
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.MADE, OCTOBER, 1, 4)))
                .extracting(CaseRow::caseNo).containsExactly("000000ST0000000007", "000000ST0000000003"); // by date: 5, 1, 2, 4 | 7, 3
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.MADE, OCTOBER))).isEqualTo(6);
        assertThat(users.as("stsup37", () -> statistics.countCases(Measure.MADE, OCTOBER))).isEqualTo(1);
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.OVERDUE, OCTOBER, 0, 10)))
                .extracting(CaseRow::caseNo, CaseRow::maskedName).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SQST0009", "张*三"),
                        org.assertj.core.groups.Tuple.tuple("SQST0004", "李*"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCasesRead'"
                + " AND actor = 'staud34' AND detail LIKE 'SIGNED %rows=3'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT case_ref FROM audit_event WHERE event_type = 'StatisticsCaseRead'"
                + " AND actor = 'staud34' AND detail LIKE 'SIGNED %'", String.class))
                .contains("SQST0006", "SQST0001", "SQST0005");
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.SIGNED, OCTOBER, 0, 201)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("size"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(null, OCTOBER, 0, 10)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("measure"));
    }

    private static StatisticsFilter maker(String code) {
        return new StatisticsFilter(FROM, TO, Granularity.MONTH, null, null, code, null, false);
    }

    private static StatisticsFilter stage(String scenario) {
        return new StatisticsFilter(FROM, TO, Granularity.MONTH, null, null, null, scenario, false);
    }

    /** Per maker of the caller's production chart and per measure: "maker MEASURE bar=list count". */
    private List<String> barsAndLists(String user) {
        List<ProductionRow> rows = users.as(user, () -> statistics.production(OCTOBER));
        List<String> out = new java.util.ArrayList<>();
        rows.stream().map(ProductionRow::makerCode).distinct().sorted().forEach(m -> {
            for (Measure measure : List.of(Measure.MADE, Measure.FAILED, Measure.SCRAPPED)) {
                long bar = rows.stream().filter(r -> r.makerCode().equals(m)).mapToLong(r -> switch (measure) {
                    case MADE -> r.made();
                    case FAILED -> r.failed();
                    default -> r.scrapped();
                }).sum();
                long list = users.as(user, () -> statistics.countCases(measure, maker(m)));
                long shown = users.as(user, () -> statistics.cases(measure, maker(m), 0, 200)).size();
                out.add(m + " " + measure + " " + bar + "=" + (list == shown ? list : -shown));
            }
        });
        return out;
    }

    private static org.assertj.core.groups.Tuple row(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    @Test
    @DisplayName("SUP-01: a maker's 制卡 bar lists exactly the cards of its batches released in the range and answered produced, its 失败 and 报废 bars their answers; per maker, list count = bar")
    void productionDrillDown() {
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.MADE, maker("ST-MK1"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                        CaseRow::maskedName, CaseRow::status, CaseRow::date, CaseRow::detail).containsExactly(
                        row("000000ST0000000001", "CARD", "340000", "ST-340102", "王*明", "ACTIVE",
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000002", "CARD", "340000", "ST-340102", "李*", "READY",
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000111", "CARD", "340000", "ST-340102", "李*", null,
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000112", "CARD", "340000", "ST-340102", "王*明", null,
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000113", "CARD", "340000", "ST-340102", "李*", null,
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000114", "CARD", "340000", "ST-340102", "王*明", null,
                                LocalDate.of(2026, 10, 6), "ST-B1"),
                        row("000000ST0000000115", "CARD", "340000", "ST-340102", "李*", null,
                                LocalDate.of(2026, 10, 6), "ST-B1"));
        // ST-MK2 in Anhui: ST-B2's five (Shandong's ST-B3 is not Anhui's); a card answered on 20 October
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.MADE, maker("ST-MK2"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::maskedName, CaseRow::date).containsExactly(
                        row("000000ST0000000121", null, LocalDate.of(2026, 10, 7)),
                        row("000000ST0000000122", null, LocalDate.of(2026, 10, 7)),
                        row("000000ST0000000123", null, LocalDate.of(2026, 10, 7)),
                        row("000000ST0000000124", null, LocalDate.of(2026, 10, 7)),
                        row("000000ST0000000003", "王*明", LocalDate.of(2026, 10, 20)));
        assertThat(users.as("stsup37", () -> statistics.cases(Measure.MADE, maker("ST-MK2"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::regionCode, CaseRow::detail).containsExactly(
                        row("000000ST0000000006", "370000", "ST-B3"), row("000000ST0000000131", "370000", "ST-B3"));
        // every bar of the chart equals its list, per maker and measure, for each province (exact numbers)
        assertThat(barsAndLists("stsup34")).containsExactly("ST-MK1 MADE 7=7", "ST-MK1 FAILED 1=1",
                "ST-MK1 SCRAPPED 1=1", "ST-MK2 MADE 5=5", "ST-MK2 FAILED 0=0", "ST-MK2 SCRAPPED 0=0");
        assertThat(barsAndLists("stsup37")).containsExactly("ST-MK2 MADE 2=2", "ST-MK2 FAILED 2=2",
                "ST-MK2 SCRAPPED 0=0");
        // a city sees no production of its province's centre, in the bars as in the lists
        assertThat(barsAndLists("stsup3401")).isEmpty();
        assertThat(users.as("stsup3401", () -> statistics.countCases(Measure.MADE, maker("ST-MK1")))).isZero();
        // the FAILED and SCRAPPED bars per maker equal their lists: ST-B1 1 failed, 1 destroyed; ST-B3 2 failed
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.FAILED, maker("ST-MK1"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                        CaseRow::maskedName, CaseRow::status, CaseRow::date, CaseRow::detail)
                .containsExactly(row("SQST-F1", "RESULT", "340000", "ST-MK1", "王*明", "照片不合格",
                        LocalDate.of(2026, 10, 6), "ST-B1"));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.FAILED, maker("ST-MK2"), 0, 50))).isEmpty();
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.SCRAPPED, OCTOBER, 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::maskedName, CaseRow::status)
                .containsExactly(row("SQST-F2", null, "芯片损坏"));
        assertThat(users.as("stsup37", () -> statistics.cases(Measure.FAILED, maker("ST-MK2"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::status)
                .containsExactly(row("SQST-F3", "地址不全"), row("SQST-F4", "照片不合格"));
        long failedBar = users.as("stsup37", () -> statistics.production(OCTOBER)).stream()
                .mapToLong(ProductionRow::failed).sum();
        assertThat(users.as("stsup37", () -> statistics.countCases(Measure.FAILED, OCTOBER))).isEqualTo(failedBar);
        // a city sees no production of its province's centre, as in the numbers
        assertThat(users.as("stsup3401", () -> statistics.countCases(Measure.FAILED, OCTOBER))).isZero();
    }

    @Test
    @DisplayName("SUP-03 SEC-03: a stage's bar lists its card uses (card, holder masked, institution, stage, day), audited with card and holder")
    void usageDrillDown() {
        List<CaseRow> uses = users.as("staud34", () -> statistics.cases(Measure.CARD_USES, OCTOBER, 0, 50));
        assertThat(uses).extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                CaseRow::maskedName, CaseRow::status, CaseRow::date).containsExactly(
                row("000000ST0000000001", "USE", "340102", "ST-H340102", "王*明", "REGISTRATION", LocalDate.of(2026, 10, 5)),
                row("000000ST0000000001", "USE", "340102", "ST-H340102", "王*明", "REGISTRATION", LocalDate.of(2026, 10, 5)),
                row("000000ST0000000001", "USE", "340102", "ST-H340102", "王*明", "REGISTRATION", LocalDate.of(2026, 10, 5)),
                row("000000ST0000000001", "USE", "340102", "ST-H340102", "王*明", "PHARMACY", LocalDate.of(2026, 10, 6)),
                row("000000ST0000000001", "USE", "340102", "ST-H340102", "王*明", "PHARMACY", LocalDate.of(2026, 10, 7)));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.CARD_USES,
                stage("PHARMACY").withInstitution("ST-H340102"), 0, 50))).extracting(CaseRow::date)
                .containsExactly(LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.CARD_USES, stage("REGISTRATION"))))
                .isEqualTo(3);
        assertThat(users.as("stsup37", () -> statistics.cases(Measure.CARD_USES, OCTOBER, 0, 50)))
                .extracting(CaseRow::institutionCode).containsExactly("ST-H370102");
        assertThat(users.as("stsup3401", () -> statistics.countCases(Measure.CARD_USES, OCTOBER.withRegion("340102"))))
                .isEqualTo(5);
        // every use shown is logged with its card and its holder (a resident's trail finds the read)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCaseRead'"
                + " AND actor = 'staud34' AND detail LIKE 'CARD_USES USE %' AND card_no = '000000ST0000000001'"
                + " AND resident_id IS NOT NULL", Integer.class)).isGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("SUP-03: e-card verifications list the daily counter's rows (terminal, institution, scene, day, count); only VERIFIED")
    void verificationDrillDown() {
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.ECARD_VERIFICATIONS, OCTOBER, 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                        CaseRow::maskedName, CaseRow::status, CaseRow::date, CaseRow::quantity).containsExactly(
                        row("ST-T1", "VERIFICATION_COUNT", "340102", "ST-H340102", null, "REGISTRATION",
                                LocalDate.of(2026, 10, 5), 4L));
        assertThat(users.as("stsup37", () -> statistics.cases(Measure.ECARD_VERIFICATIONS, OCTOBER, 0, 50)))
                .extracting(CaseRow::quantity).containsExactly(2L);
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.ECARD_VERIFICATIONS, stage("PHARMACY"))))
                .isZero();
    }

    @Test
    @DisplayName("SUP-04: an institution's handled bar lists its completed tasks (key, task, assignee masked, end day, minutes)")
    void handledDrillDown() {
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.HANDLED,
                OCTOBER.withRegion("340102").withInstitution("ST-340102"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                        CaseRow::maskedName, CaseRow::status, CaseRow::date, CaseRow::quantity).containsExactly(
                        row("st-hi-1", "DONE_TASK", "340102", "ST-340102", "s*******4", "审核",
                                LocalDate.of(2026, 10, 10), 60L),
                        row("st-hi-2", "DONE_TASK", "340102", "ST-340102", "s*******4", "审核",
                                LocalDate.of(2026, 10, 11), 180L),
                        row("st-hi-3", "DONE_TASK", "340102", "ST-340102", "s*******4", "审核",
                                LocalDate.of(2026, 10, 13), 1800L));
        // the bar equals its list: the assessment's handled per institution
        long bar = users.as("stsup34", () -> statistics.assessment(OCTOBER)).stream()
                .filter(r -> r.institutionCode().equals("ST-340102")).mapToLong(AssessmentRow::handled).sum();
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.HANDLED,
                OCTOBER.withInstitution("ST-340102")))).isEqualTo(bar);
        // completed at 01:00 China time on 1 October: in October, on its China date
        assertThat(users.as("stsup37", () -> statistics.cases(Measure.HANDLED, OCTOBER, 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::date, CaseRow::quantity)
                .containsExactly(row("st-hi-4", LocalDate.of(2026, 10, 1), 120L));
        assertThat(users.as("stsup3401", () -> statistics.countCases(Measure.HANDLED, OCTOBER))).isEqualTo(3);
    }

    @Test
    @DisplayName("SUP-02 SUP-03: a list's count stops at 10,000 (10,001 rows read) and says so; the exact count stays for bars and exports")
    void cappedCount() {
        assertThat(users.as("stsup34", () -> statistics.countCasesCapped(Measure.MADE, OCTOBER)))
                .isEqualTo(new CaseCount(6, false));
        LocalDate day = StatisticsFixture.BULK_DAY;
        // a Fujian supervisor and 10,005 uses in a day nobody else asks for, removed afterwards
        jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at) VALUES"
                + " ('ST-C350000', '福建省注册管理中心(统计)', '350000', 'REGISTRATION_CENTRE', TRUE, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO app_user (username, password_hash, display_name, institution_code, group_lead,"
                + " enabled, demo) SELECT 'stsup35', password_hash, 'stsup35', 'ST-C350000', FALSE, TRUE, TRUE"
                + " FROM app_user WHERE username = 'supervisor'");
        jdbc.update("INSERT INTO app_user_role (username, role) VALUES ('stsup35', 'SUPERVISOR')");
        fixture.bulkUses("ST-T9");
        try {
            StatisticsFilter filter = StatisticsFilter.of(day, day).withRegion(StatisticsFixture.BULK_REGION);
            assertThat(users.as("stsup35", () -> statistics.countCasesCapped(Measure.CARD_USES, filter)))
                    .isEqualTo(new CaseCount(CaseCount.CAP, true));
            assertThat(users.as("stsup35", () -> statistics.countCases(Measure.CARD_USES, filter)))
                    .isEqualTo(CaseCount.CAP + 5);
            assertThat(users.as("stsup35", () -> statistics.countCasesCapped(Measure.CARD_USES,
                    filter.withInstitution("ST-NONE")))).isEqualTo(new CaseCount(0, false));
        } finally {
            fixture.removeBulkUses("ST-T9");
            jdbc.update("DELETE FROM app_user_role WHERE username = 'stsup35'");
            jdbc.update("DELETE FROM app_user WHERE username = 'stsup35'");
            jdbc.update("DELETE FROM institution WHERE code = 'ST-C350000'");
        }
    }

    @Test
    @DisplayName("SUP-02: issued is the card's arrival at its desk (received into stock there); in transit or voided is neither issued nor unsigned")
    void issuedIsArrivalAtDesk() {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE card_no = '000000STA000000001'", Integer.class);
        if (present == null || present == 0) {
            String holder = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0005'",
                    String.class);
            var made = StatisticsFixture.utc("2026-08-03T10:00");
            for (String n : List.of("1", "2", "3")) {
                jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status,"
                        + " channel, card_no, created_by, created_at, updated_at, version) VALUES (?, ?, 'ST-340202',"
                        + " '340202', 'READY', 'UI', ?, 'stclerk34', ?, ?, 0)", "SQSTA00" + n, holder, "000000STA00000000" + n,
                        StatisticsFixture.utc("2026-08-02T10:00"), made);
                jdbc.update("INSERT INTO card (card_no, resident_id, application_id, status, region_code,"
                        + " institution_code, produced_at, created_at, updated_at, version) VALUES (?, ?, ?, ?,"
                        + " '340202', 'ST-340202', ?, ?, ?, 0)", "000000STA00000000" + n, holder, "SQSTA00" + n,
                        n.equals("3") ? "CANCELLED" : "READY", made, made, made);
            }
            var received = StatisticsFixture.utc("2026-08-10T10:00");
            jdbc.update("INSERT INTO shipment (id, shipment_no, kind, sender_code, sender_region, receiver_code,"
                    + " receiver_region, status, card_count, received_at, created_by, created_at, version) VALUES"
                    + " ('st-ship-a', 'ST-SHIP-A', 'CENTRE_TO_DESK', 'ST-C340000', '340000', 'ST-340202', '340202',"
                    + " 'RECEIVED', 2, ?, 'st', ?, 0)", received, made);
            // A1 received into stock at its desk on 10 August; A2 still on its way at the centre; A3 lost on the
            // way (its number voided)
            fixture.stock("000000STA000000001", "SQSTA001", "ST-340202", "340202", "IN_STOCK", "ST-SHIP-A", received);
            fixture.stock("000000STA000000002", "SQSTA002", "ST-340202", "ST-C340000", "340000", "IN_TRANSIT", null, made);
            fixture.stock("000000STA000000003", "SQSTA003", "ST-340202", "340202", "MISSING", "ST-SHIP-A", received);
            fixture.rebuildRollups(); // written around the events
        }
        StatisticsFilter august = StatisticsFilter.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31))
                .withRegion("340200");
        assertThat(users.as("stsup34", () -> statistics.issuing(august.withGranularity(Granularity.MONTH))))
                .containsExactly(new IssuingRow("2026-08", "340202", "镜湖区", "ST-340202", "芜湖镜湖服务网点", 3, 3, 1, 0,
                        1));
        assertThat(users.as("stsup34", () -> statistics.series(Measure.ISSUED, august)).get(0).points())
                .filteredOn(p -> p.value() > 0).containsExactly(new Series.Point("2026-08-10", 1, null));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.ISSUED, august, 0, 10)))
                .extracting(CaseRow::caseNo, CaseRow::date).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SQSTA001", LocalDate.of(2026, 8, 10)));
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.UNSIGNED, august))).isEqualTo(1);
    }

    @Test
    @DisplayName("STAT-01 SEC-03: a cards-by-status slice lists its cards in the scope, masked, audited per card; the status is checked")
    void cardsByStatus() {
        List<CaseRow> lost = users.as("stsup34", () -> statistics.cases(Measure.CARD_STATUS,
                OCTOBER.withStatus("REPORTED_LOST"), 0, 50));
        assertThat(lost).extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::status, CaseRow::maskedName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("000000ST0000000004", "CARD", "REPORTED_LOST", "王*明"));
        // the list agrees with the overview's slice
        long active = users.as("stsup34", () -> statistics.overview(OCTOBER)).stream()
                .filter(r -> r.category().equals("CARDS") && r.item().equals("ACTIVE"))
                .mapToLong(OverviewRow::count).sum();
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.CARD_STATUS,
                OCTOBER.withStatus("ACTIVE")))).isEqualTo(active).isEqualTo(3);
        assertThat(users.as("stsup37", () -> statistics.countCases(Measure.CARD_STATUS,
                OCTOBER.withStatus("REPORTED_LOST")))).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCaseRead'"
                + " AND actor = 'stsup34' AND card_no = '000000ST0000000004' AND resident_id IS NOT NULL", Integer.class))
                .isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.CARD_STATUS,
                OCTOBER.withStatus("LOST'--"), 0, 10))).isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.series(Measure.CARD_STATUS, OCTOBER)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("measure"));
    }

    @Test
    @DisplayName("STAT-01 LC-07: every slice of the overview but products in use opens its list — SAM cards of a state, filings of a status, institutions of a kind, requests of a type — and each list holds the slice's count")
    void overviewSlicesOpenLists() {
        List<CaseRow> frozen = users.as("stsup34", () -> statistics.cases(Measure.SAM_STATE,
                OCTOBER.withStatus("FROZEN"), 0, 50));
        assertThat(frozen).extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::institutionCode,
                CaseRow::maskedName, CaseRow::status, CaseRow::detail)
                .containsExactly(row("ST-SAM-2", "SAM", "340102", "ST-H340102", null, "FROZEN", "ST-SB1"));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.INSTITUTION_KIND,
                OCTOBER.withStatus("REGISTRATION_CENTRE"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::regionCode, CaseRow::maskedName, CaseRow::status,
                        CaseRow::detail).containsExactlyInAnyOrder(
                        row("ST-C340000", "INSTITUTION", "340000", null, "REGISTRATION_CENTRE", "安徽省注册管理中心(统计)"),
                        row("ST-C340100", "INSTITUTION", "340100", null, "REGISTRATION_CENTRE", "合肥市注册管理中心(统计)"));
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.CARD_REQUESTS,
                OCTOBER.withRequestType("LOSS_REPORT"), 0, 50)))
                .extracting(CaseRow::caseNo, CaseRow::kind, CaseRow::status, CaseRow::detail)
                .containsExactly(row("RQST0001", "REQUEST", "COMPLETED", "LOSS_REPORT"));
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.CARD_REQUESTS,
                OCTOBER.withRequestType("REPLACEMENT")))).isZero();
        // each slice of the province's overview equals its list (exact numbers), and Shandong's likewise
        assertThat(slicesAndLists("stsup34")).containsExactly("INSTITUTIONS:CARD_MAKER 1=1",
                "INSTITUTIONS:MEDICAL 1=1", "INSTITUTIONS:REGISTRATION_CENTRE 2=2", "INSTITUTIONS:SERVICE_POINT 2=2",
                "CARDS:ACTIVE 3=3", "CARDS:READY 2=2", "CARDS:REPORTED_LOST 1=1", "SAM:ACTIVE 1=1", "SAM:FROZEN 1=1",
                "REQUESTS:LOSS_REPORT 1=1");
        assertThat(slicesAndLists("stsup37")).containsExactly("INSTITUTIONS:CARD_MAKER 1=1",
                "INSTITUTIONS:MEDICAL 1=1", "INSTITUTIONS:REGISTRATION_CENTRE 1=1", "INSTITUTIONS:SERVICE_POINT 1=1",
                "CARDS:ACTIVE 1=1");
        // filings are national: the national scope's filing slices equal their lists; a province has neither
        assertThat(slicesAndLists("admin")).filteredOn(l -> l.startsWith("FILINGS:") || l.startsWith("SAM:"))
                .allSatisfy(l -> assertThat(l.substring(l.indexOf(' ') + 1).split("="))
                        .satisfies(n -> assertThat(n[0]).isEqualTo(n[1])));
        assertThat(users.as("stsup34", () -> statistics.countCases(Measure.FILING_STATUS, OCTOBER))).isZero();
        // no slice list names a person
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.INSTITUTION_KIND, OCTOBER, 0, 200)))
                .extracting(CaseRow::maskedName).containsOnlyNulls();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCasesRead'"
                + " AND actor = 'stsup34' AND detail LIKE 'CARD_REQUESTS %requestType=LOSS_REPORT%'", Integer.class))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("STAT-01 ORG-05: slice lists refuse a value the measure does not know (400 naming status / requestType), keep to the caller's region, and have no series")
    void overviewSliceAttacks() {
        for (var bad : List.of(OCTOBER.withStatus("BROKEN"), OCTOBER.withStatus("ACTIVE'--"),
                OCTOBER.withStatus("s".repeat(40)))) {
            assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.SAM_STATE, bad, 0, 10)))
                    .isInstanceOfSatisfying(DomainValidationException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        }
        // a card status is no institution kind, a SAM state no filing status
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.INSTITUTION_KIND,
                OCTOBER.withStatus("ACTIVE"), 0, 10))).isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.countCases(Measure.FILING_STATUS,
                OCTOBER.withStatus("FROZEN")))).isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.countCases(Measure.CARD_STATUS,
                OCTOBER.withStatus("FROZEN")))).isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        for (String type : List.of("NOPE", "LOSS_REPORT' OR '1'='1", "L".repeat(40))) {
            assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.CARD_REQUESTS,
                    OCTOBER.withRequestType(type), 0, 10))).isInstanceOfSatisfying(DomainValidationException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("requestType"));
        }
        // a slice value on a list it does not narrow is refused, not ignored
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.countCases(Measure.SIGNED,
                OCTOBER.withStatus("ACTIVE")))).isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("status"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.SAM_STATE,
                OCTOBER.withRequestType("LOSS_REPORT"), 0, 10))).isInstanceOfSatisfying(
                        DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("requestType"));
        // Shandong sees none of Anhui's SAM cards or requests, and is refused Anhui's region
        assertThat(users.as("stsup37", () -> statistics.countCases(Measure.SAM_STATE, OCTOBER))).isZero();
        assertThat(users.as("stsup37", () -> statistics.countCases(Measure.CARD_REQUESTS,
                OCTOBER.withRequestType("LOSS_REPORT")))).isZero();
        assertThatThrownBy(() -> users.as("stsup37", () -> statistics.cases(Measure.SAM_STATE,
                OCTOBER.withRegion("340102"), 0, 10))).isInstanceOf(RegionOutOfScopeException.class);
        // the city sees its own SAM cards, not the other city's institutions
        assertThat(users.as("stsup3401", () -> statistics.countCases(Measure.SAM_STATE, OCTOBER))).isEqualTo(2);
        assertThat(users.as("stsup3401", () -> statistics.cases(Measure.INSTITUTION_KIND,
                OCTOBER.withStatus("SERVICE_POINT"), 0, 10))).extracting(CaseRow::caseNo).containsExactly("ST-340102");
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.series(Measure.SAM_STATE, OCTOBER)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("measure"));
    }

    /** Per slice of the caller's overview (products in use have no list): "CATEGORY:item slice=list count". */
    private List<String> slicesAndLists(String user) {
        List<String> out = new java.util.ArrayList<>();
        for (OverviewRow r : users.as(user, () -> statistics.overview(OCTOBER))) {
            StatisticsFilter f = r.category().equals("REQUESTS") ? OCTOBER.withRequestType(r.item())
                    : OCTOBER.withStatus(r.item());
            Measure measure = switch (r.category()) {
                case "INSTITUTIONS" -> Measure.INSTITUTION_KIND;
                case "CARDS" -> Measure.CARD_STATUS;
                case "SAM" -> Measure.SAM_STATE;
                case "FILINGS" -> Measure.FILING_STATUS;
                case "REQUESTS" -> Measure.CARD_REQUESTS;
                default -> null;
            };
            if (measure != null) {
                out.add(r.category() + ":" + r.item() + " " + r.count() + "="
                        + users.as(user, () -> statistics.countCases(measure, f)));
            }
        }
        return out;
    }

    @Test
    @DisplayName("SEC-03 SUP-03: a list is paged at most to row 100,000 (the export's limit), beyond it 400 naming page; no deep OFFSET")
    void pageDepthLimited() {
        assertThat(users.as("stsup34", () -> statistics.cases(Measure.CARD_USES, OCTOBER, 499, 200))).isEmpty();
        for (int[] pageSize : new int[][]{{500, 200}, {10_000, 200}, {Integer.MAX_VALUE, 200}, {100_000, 1}}) {
            assertThatThrownBy(() -> users.as("stsup34", () -> statistics.cases(Measure.CARD_USES, OCTOBER,
                    pageSize[0], pageSize[1]))).isInstanceOfSatisfying(DomainValidationException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("page"));
        }
    }

    @Test
    @DisplayName("SUP-03 SEC-03: a temporary card's use lists its holder (masked), and the read is audited with the holder's resident id")
    void temporaryCardUse() {
        String resident = jdbc.queryForObject("SELECT resident_id FROM card WHERE card_no = '000000ST0000000001'",
                String.class);
        java.time.LocalDateTime at = LocalDate.of(2001, 2, 1).atTime(2, 0);
        jdbc.update("INSERT INTO temporary_card (card_no, original_card_no, request_id, resident_id, region_code,"
                + " status, issued_at, valid_until, version) VALUES ('LSST00000001', '000000ST0000000001', 'RQST-TMP',"
                + " ?, '350102', 'ISSUED', ?, ?, 0)", resident, at, at.plusDays(30));
        jdbc.update("INSERT INTO card_use (card_no, temporary, institution_code, terminal_id, scenario, used_at,"
                + " recorded_by, recorded_at, region_code) VALUES ('LSST00000001', TRUE, 'ST-H350102', 'ST-T9',"
                + " 'REGISTRATION', ?, 'st', ?, '350102')", at, at);
        try {
            StatisticsFilter day = StatisticsFilter.of(LocalDate.of(2001, 2, 1), LocalDate.of(2001, 2, 1))
                    .withRegion("350102");
            assertThat(users.as("admin", () -> statistics.cases(Measure.CARD_USES, day, 0, 10)))
                    .extracting(CaseRow::caseNo, CaseRow::maskedName).containsExactly(row("LSST00000001", "王*明"));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCaseRead'"
                    + " AND actor = 'admin' AND card_no = 'LSST00000001' AND resident_id = ?", Integer.class, resident))
                    .isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM card_use WHERE card_no = 'LSST00000001'");
            jdbc.update("DELETE FROM temporary_card WHERE card_no = 'LSST00000001'");
        }
    }

    @Test
    @DisplayName("SUP-02 SEC-03: a full page of 200 cases is logged in full, each row with its case and holder keys")
    void fullPageAudited() {
        String holder = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0001'",
                String.class);
        String other = jdbc.queryForObject("SELECT resident_id FROM card_application WHERE id = 'SQST0002'",
                String.class);
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE id LIKE 'SQ20260801%'",
                Integer.class);
        if (present == null || present == 0) {
            for (int i = 0; i < 200; i++) {
                // real-length case numbers (22 characters): 200 of them overflow one audit entry's detail
                String at = "2026-08-0" + (1 + i % 9) + "T10:00";
                jdbc.update("INSERT INTO card_application (id, resident_id, institution_code, region_code, status,"
                        + " channel, picked_up_at, created_by, created_at, updated_at, version) VALUES (?, ?,"
                        + " 'ST-340102', '340102', 'ISSUED', 'UI', ?, 'stclerk34', ?, ?, 0)",
                        "SQ20260801340102%06d".formatted(i), i == 7 ? other : holder,
                        StatisticsFixture.utc(at), StatisticsFixture.utc(at), StatisticsFixture.utc(at));
            }
            fixture.rebuildRollups(); // written around the events
        }
        StatisticsFilter august = StatisticsFilter.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31));
        List<CaseRow> page = users.as("staud34", () -> statistics.cases(Measure.SIGNED, august, 0, 200));
        assertThat(page).hasSize(200);
        List<String> logged = jdbc.queryForList("SELECT case_ref FROM audit_event WHERE event_type ="
                + " 'StatisticsCaseRead' AND actor = 'staud34' AND case_ref LIKE 'SQ20260801%'", String.class);
        assertThat(logged).containsAll(page.stream().map(CaseRow::caseNo).toList());
        // the resident's trail ("who read my data") finds the read
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE event_type = 'StatisticsCaseRead'"
                + " AND actor = 'staud34' AND resident_id = ? AND case_ref = 'SQ20260801340102000007'",
                Integer.class, other)).isEqualTo(1);
    }

    @Test
    @DisplayName("ORG-05 SUP-02: the home dashboard's figures for the caller's scope; a card lost twice this week counts once")
    void dashboard() {
        assertThat(users.as("stsup34", statistics::dashboard)).isEqualTo(new Dashboard(1, 2, 2, 0, 1));
        assertThat(users.as("stsup3401", statistics::dashboard)).isEqualTo(new Dashboard(1, 2, 2, 0, 0));
        assertThat(users.as("stsup37", statistics::dashboard)).isEqualTo(new Dashboard(0, 1, 0, 0, 0));
    }

    @Test
    @DisplayName("ORG-05: a region outside the caller's scope is refused naming regionCode; a clerk is refused")
    void scopeAttacks() {
        assertThatThrownBy(() -> users.as("stsup37", () -> statistics.issuing(OCTOBER.withRegion("340000"))))
                .isInstanceOfSatisfying(RegionOutOfScopeException.class,
                        e -> assertThat(e.field()).isEqualTo("regionCode"));
        assertThatThrownBy(() -> users.as("stsup3401", () -> statistics.cases(Measure.SIGNED,
                OCTOBER.withRegion("340200"), 0, 10))).isInstanceOf(RegionOutOfScopeException.class);
        // the city cannot widen its scope to its province
        assertThatThrownBy(() -> users.as("stsup3401", () -> statistics.issuing(OCTOBER.withRegion("340000"))))
                .isInstanceOf(RegionOutOfScopeException.class);
        assertThatThrownBy(() -> users.as("stclerk34", () -> statistics.issuing(OCTOBER)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("stclerk34", statistics::dashboard))
                .isInstanceOf(AccessDeniedException.class);
        // another province's institution code gives nothing, not the other province's numbers
        assertThat(users.as("stsup37", () -> statistics.issuing(OCTOBER.withInstitution("ST-340102")))).isEmpty();
    }

    @Test
    @DisplayName("SUP-02: bad filter values are refused naming the field")
    void badFilters() {
        assertField(new StatisticsFilter(TO, FROM, null, null, null, null, null, false), "from");
        assertField(StatisticsFilter.of(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 2)), "to");
        assertField(StatisticsFilter.of(LocalDate.of(1999, 1, 1), LocalDate.of(1999, 2, 1)), "from");
        // both dates out of bounds: both named at once, each message by its Chinese label
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.issuing(StatisticsFilter.of(
                LocalDate.of(1999, 1, 1), LocalDate.of(2099, 1, 1))))).isInstanceOfSatisfying(
                        DomainValidationException.class, e -> assertThat(e.violations())
                                .extracting(cn.healthcard.common.FieldViolation::field).contains("from", "to"));
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.issuing(OCTOBER.withInstitution("a b"))))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations().get(0)
                        .message()).isEqualTo("「机构」的格式不正确"));
        assertField(OCTOBER.withRegion("34"), "regionCode");
        assertField(OCTOBER.withRegion("3400000000"), "regionCode");
        assertField(OCTOBER.withInstitution("x".repeat(65)), "institutionCode");
        assertField(OCTOBER.withInstitution("ST'; DROP TABLE card; --"), "institutionCode");
        assertField(new StatisticsFilter(FROM, TO, null, null, null, null, "pharmacy<script>", false), "scenario");
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.series(Measure.OVERDUE, OCTOBER)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("measure"));
    }

    private void assertField(StatisticsFilter filter, String field) {
        assertThatThrownBy(() -> users.as("stsup34", () -> statistics.issuing(filter)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations()).extracting(cn.healthcard.common.FieldViolation::field)
                                .contains(field));
    }
}
