package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.supervision.IssuingRow;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import cn.healthcard.supervision.StatisticsFixture;
import cn.healthcard.supervision.SupervisionStatistics;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The supervision screens in a real browser on the statistics fixture (Anhui and Shandong, October 2026): every
 * screen draws its chart and lists the service's rows; a click on a bar lands on the cases behind it; a city
 * supervisor is offered only her city, and an address edited to another city shows an error and no data.
 */
@IntegrationTest
class SupervisionBrowserIT {

    /** target/screenshots; {@code -Dhealthcard.screenshots=docs/screenshots} refreshes the documentation's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";
    private static final StatisticsFilter OCTOBER = StatisticsFilter.of(StatisticsFixture.FROM, StatisticsFixture.TO);

    @LocalServerPort
    int port;

    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired SupervisionStatistics statistics;

    private BrowserSupport browser;
    @Autowired StatisticsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture.ensure();
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        fixture.removeRuntimeRows();
    }

    @Test
    @DisplayName("SUP-02 clicking the second bar of 申领 opens the case list of exactly that city's applications")
    void clickBarDrillsDown() {
        browser.login("stsup34", PASSWORD);
        showOctober("supervision/issuing");
        // the chart's categories are the cities by code: 合肥市 340100, 芜湖市 340200
        List<String> cities = users.as("stsup34", () -> statistics.issuing(OCTOBER)).stream()
                .map(IssuingRow::regionCode).distinct().sorted().toList();
        assertThat(cities).hasSize(2).containsExactlyInAnyOrder("340100", "340200");
        String second = cities.get(1);
        long expected = users.as("stsup34", () -> statistics.countCases(Measure.APPLIED, OCTOBER.withRegion(second)));
        // the fixture: Hefei's desk took SQST0001-0004 in October, Wuhu's SQST0005 (SQST0006 was September's)
        assertThat(second).isEqualTo("340200");
        assertThat(expected).isEqualTo(1);

        clickBar("issuing-chart", 0, 1);
        browser.waitUntil("the case list", () -> browser.driver().getCurrentUrl().contains("/supervision/cases?"));
        String url = browser.driver().getCurrentUrl();
        assertThat(url).contains("measure=APPLIED", "region=" + second, "from=2026-10-01", "to=2026-10-31");
        browser.waitFor(By.id("cases-grid"));
        browser.waitUntil("the grid has the service's " + expected + " cases",
                () -> gridSize("cases-grid") == expected);
        var rows = users.as("stsup34", () -> statistics.cases(Measure.APPLIED, OCTOBER.withRegion(second), 0, 50));
        browser.waitUntil("the case numbers shown", () -> rows.stream()
                .allMatch(r -> browser.text(By.id("cases-grid")).contains(r.caseNo())));
        assertThat(browser.text(By.id("cases-summary"))).contains("共 " + expected + " 条");
        assertThat(browser.text(By.id("cases-grid"))).contains("SQST0005", "已发卡").doesNotContain("SQST0006");
        browser.waitFor(By.id("cases-export-xlsx"));
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases.png"));
    }

    @Test
    @DisplayName("SUP-01 SUP-02 SUP-03 SUP-04 STAT-01 each screen draws its chart and lists the service's rows")
    void eachScreenRenders() {
        browser.login("stsup34", PASSWORD);
        Map<String, Supplier<List<?>>> screens = new java.util.LinkedHashMap<>();
        screens.put("production", () -> statistics.production(OCTOBER));
        screens.put("issuing", () -> statistics.issuing(OCTOBER));
        screens.put("usage", () -> statistics.usage(OCTOBER));
        screens.put("assessment", () -> statistics.assessment(OCTOBER));
        screens.put("overview", () -> statistics.overview(OCTOBER));
        for (var screen : screens.entrySet()) {
            String name = screen.getKey();
            showOctober(name.equals("overview") ? "statistics/overview" : "supervision/" + name);
            int expected = users.as("stsup34", screen.getValue()).size();
            assertThat(expected).as(name + " has rows in the fixture").isPositive();
            browser.waitUntil(name + " grid lists " + expected + " rows", () -> gridSize(name + "-grid") == expected);
            browser.waitUntil(name + " chart drawn", () -> !browser.driver().findElements(
                    By.cssSelector("#" + name + "-chart[data-chart-ready] canvas")).isEmpty());
            browser.waitFor(By.id(name + "-export-xlsx"));
            browser.scrollToTop();
            browser.screenshot(SCREENSHOTS.resolve("supervision-" + name + ".png"));
        }
    }

    @Test
    @DisplayName("ORG-05 SUP-02 a city supervisor is offered only her city; an address edited to another city shows an error, no data")
    void cityScope() {
        browser.login("stsup3401", PASSWORD);
        showOctober("supervision/issuing");
        browser.click(By.id("sup-region"));
        browser.waitUntil("the region list loaded", () -> !labels().isEmpty());
        assertThat(labels()).isNotEmpty().allMatch(l -> l.startsWith("3401"));
        assertThat(labels()).anyMatch(l -> l.startsWith("340100 "));
        browser.driver().findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);

        browser.open("supervision/cases?measure=APPLIED&from=2026-10-01&to=2026-10-31&region=340200");
        browser.waitUntil("the refusal shown", () -> browser.text(By.id("cases-error")).contains("超出您的管辖范围"));
        assertThat(gridSize("cases-grid")).isZero();
        browser.open("supervision/cases?measure=APPLIED&from=2026-10-01&to=2026-10-31&region=370000");
        browser.waitUntil("the refusal shown", () -> browser.text(By.id("cases-error")).contains("超出您的管辖范围"));
        assertThat(gridSize("cases-grid")).isZero();
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-refused.png"));

        browser.open("supervision/cases?measure=APPLIED&from=2026-10-01&to=2026-10-31&region=340102");
        long own = users.as("stsup3401", () -> statistics.countCases(Measure.APPLIED, OCTOBER.withRegion("340102")));
        browser.waitUntil("her own county's " + own + " cases", () -> gridSize("cases-grid") == own);
        assertThat(own).isPositive();
    }

    @Test
    @DisplayName("SUP-02 the applications per week with the previous period drawn beside them, as the service counts them")
    void weeklyWithPrevious() {
        browser.login("stsup34", PASSWORD);
        browser.open("supervision/issuing");
        browser.fillDate("sup-from", StatisticsFixture.FROM);
        browser.fillDate("sup-to", StatisticsFixture.TO);
        browser.select("sup-granularity", "按周");
        browser.click(By.id("sup-compare"));
        browser.click(By.id("sup-run"));
        var filter = OCTOBER.withGranularity(cn.healthcard.supervision.Granularity.WEEK).withCompare(true);
        var series = users.as("stsup34", () -> statistics.series(Measure.APPLIED, filter));
        long total = series.stream().flatMap(x -> x.points().stream()).mapToLong(p -> p.value()).sum();
        assertThat(total).as("SQST0001-0005 in October").isEqualTo(5);
        browser.waitUntil("the series drawn with the previous period", () -> seriesNames().equals(
                List.of("申领", "申领" + cn.healthcard.report.ChartSpec.PREVIOUS_SUFFIX)));
        Object drawn = browser.driver().executeScript("const o = echarts.getInstanceByDom("
                + "document.getElementById('issuing-series')).getOption();"
                + " return o.series[0].data.map(v => (v && v.value !== undefined) ? v.value : v)"
                + ".reduce((a, b) => a + (b || 0), 0);");
        assertThat(((Number) drawn).longValue()).isEqualTo(total);
        browser.scrollToTop();
        browser.screenshot(SCREENSHOTS.resolve("supervision-issuing-weekly.png"));
    }

    @Test
    @DisplayName("SUP-02 every 未领取 bar equals the list behind it, by day, week and month, also for a card signed for days after it was made")
    void unsignedBarIsItsList() {
        browser.login("stsup34", PASSWORD);
        browser.open("supervision/issuing");
        browser.fillDate("sup-from", StatisticsFixture.FROM);
        browser.fillDate("sup-to", StatisticsFixture.TO);
        int unsigned = 4; // the chart's fifth series, IssuingView.MEASURES
        // cities by code: Hefei (A2 never signed for, A3 signed for on 11-02), Wuhu (A5 made 10-09, signed 10-10)
        List<Long> lists = List.of("340100", "340200").stream().map(r -> users.as("stsup34",
                () -> statistics.countCases(Measure.UNSIGNED, OCTOBER.withRegion(r)))).toList();
        assertThat(lists).containsExactly(2L, 0L);
        for (String granularity : List.of("按日", "按周", "按月")) {
            browser.select("sup-granularity", granularity);
            int before = drawCount("issuing-chart");
            browser.click(By.id("sup-run"));
            browser.waitUntil("redrawn " + granularity, () -> drawCount("issuing-chart") > before);
            assertThat(barValues("issuing-chart", unsigned)).as(granularity).isEqualTo(lists);
        }
        browser.select("sup-granularity", "按日");
        browser.click(By.id("sup-run"));
        browser.waitVaadin();
        clickBar("issuing-chart", unsigned, 0);
        browser.waitUntil("the case list", () -> browser.driver().getCurrentUrl().contains("/supervision/cases?"));
        assertThat(browser.driver().getCurrentUrl()).contains("measure=UNSIGNED", "region=340100");
        browser.waitFor(By.id("cases-grid"));
        browser.waitUntil("the list has the bar's 2 cases", () -> gridSize("cases-grid") == lists.get(0));
    }

    @Test
    @DisplayName("SUP-01 SUP-02 SUP-04 an institution named as markup stays text in the chart, its tooltip, the grid")
    void hostileNameIsInert() {
        String hostile = "<img src=x onerror=window.__xss=1>";
        jdbc.update("UPDATE institution SET name = ? WHERE code IN ('ST-MK1', 'ST-340102')", hostile);
        try {
            browser.login("stsup34", PASSWORD);
            showOctober("supervision/production");
            // Anhui's makers: ST-MK1 made 7 (the largest, first), ST-MK2 made 5
            hoverBar("production-chart", 0, 0);
            assertThat(browser.driver().executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(categories("production-chart")).contains(hostile);
            browser.waitUntil("the grid shows the name as text",
                    () -> browser.text(By.id("production-grid")).contains(hostile));

            showOctober("supervision/assessment");
            hoverBar("assessment-chart", 0, 0);
            assertThat(categories("assessment-chart")).contains(hostile);
            browser.waitUntil("the grid shows the name as text",
                    () -> browser.text(By.id("assessment-grid")).contains(hostile));
            showOctober("supervision/issuing");
            browser.waitUntil("the grid shows the name as text",
                    () -> browser.text(By.id("issuing-grid")).contains(hostile));
            hoverBar("issuing-chart", 0, 0);
            assertThat(browser.driver().executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(browser.driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        } finally {
            jdbc.update("UPDATE institution SET name = '皖卡制卡厂' WHERE code = 'ST-MK1'");
            jdbc.update("UPDATE institution SET name = '合肥瑶海服务网点' WHERE code = 'ST-340102'");
        }
    }

    @Test
    @DisplayName("SUP-01 clicking a maker's 制卡 bar opens the cards that maker made; its 失败 bar the failed answers")
    void productionBarDrillsDown() {
        browser.login("stsup34", PASSWORD);
        showOctober("supervision/production");
        // Anhui's makers by cards made: ST-MK1 (7) first, ST-MK2 (5)
        var byMaker = new StatisticsFilter(StatisticsFixture.FROM, StatisticsFixture.TO,
                cn.healthcard.supervision.Granularity.DAY, null, null, "ST-MK1", null, false);
        long made = users.as("stsup34", () -> statistics.countCases(Measure.MADE, byMaker));
        assertThat(made).isEqualTo(7); // the bar: ST-B1's 7 produced
        browser.waitUntil("production chart drawn", () -> drawCount("production-chart") > 0);
        assertThat(barValues("production-chart", 0).get(0)).as("the bar clicked equals its list").isEqualTo(made);
        clickBar("production-chart", 0, 0);
        landsOn(made, "measure=MADE", "maker=ST-MK1");
        assertThat(browser.text(By.id("cases-grid"))).contains("000000ST0000000001", "卡号", "持卡人", "王*明")
                .doesNotContain("王小明");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-cards.png"));

        showOctober("supervision/production");
        long failed = users.as("stsup34", () -> statistics.countCases(Measure.FAILED, byMaker));
        assertThat(failed).isEqualTo(1);
        clickBar("production-chart", 1, 0);
        landsOn(failed, "measure=FAILED", "maker=ST-MK1");
        assertThat(browser.text(By.id("cases-grid"))).contains("SQST-F1", "失败原因", "照片不合格", "ST-B1");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-results.png"));
    }

    @Test
    @DisplayName("SUP-03 clicking a stage's 用卡 bar opens that stage's card uses; its 电子健康卡核验 bar the counter's rows")
    void usageBarDrillsDown() {
        browser.login("stsup34", PASSWORD);
        showOctober("supervision/usage");
        // the chart's categories are the stages in the rows' order: 挂号 (10-05) before 取药 (10-06)
        List<String> stages = users.as("stsup34", () -> statistics.usage(OCTOBER)).stream()
                .map(cn.healthcard.supervision.UsageRow::stage).distinct().toList();
        assertThat(stages).containsExactly("REGISTRATION", "PHARMACY");
        var registration = new StatisticsFilter(StatisticsFixture.FROM, StatisticsFixture.TO,
                cn.healthcard.supervision.Granularity.DAY, null, null, null, "REGISTRATION", false);
        long uses = users.as("stsup34", () -> statistics.countCases(Measure.CARD_USES, registration));
        assertThat(uses).isEqualTo(3);
        clickBar("usage-chart", 0, 0);
        landsOn(uses, "measure=CARD_USES", "scenario=REGISTRATION");
        assertThat(browser.text(By.id("cases-grid"))).contains("000000ST0000000001", "医疗机构", "使用环节", "挂号",
                "王*明").doesNotContain("王小明");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-uses.png"));

        showOctober("supervision/usage");
        long counted = users.as("stsup34", () -> statistics.countCases(Measure.ECARD_VERIFICATIONS, registration));
        assertThat(counted).isEqualTo(1);
        clickBar("usage-chart", 1, 0);
        landsOn(counted, "measure=ECARD_VERIFICATIONS", "scenario=REGISTRATION");
        assertThat(browser.text(By.id("cases-grid"))).contains("ST-T1", "核验次数", "4");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-verifications.png"));
    }

    @Test
    @DisplayName("SUP-04 clicking an institution's 已办理 bar opens the tasks it completed in the range")
    void handledBarDrillsDown() {
        browser.login("stsup34", PASSWORD);
        showOctober("supervision/assessment");
        var rows = users.as("stsup34", () -> statistics.assessment(OCTOBER));
        assertThat(rows).extracting(cn.healthcard.supervision.AssessmentRow::institutionCode)
                .containsExactly("ST-340102");
        long handled = users.as("stsup34", () -> statistics.countCases(Measure.HANDLED,
                OCTOBER.withRegion("340102").withInstitution("ST-340102")));
        assertThat(handled).isEqualTo(rows.get(0).handled()).isEqualTo(3);
        clickBar("assessment-chart", 0, 0);
        landsOn(handled, "measure=HANDLED", "region=340102", "institution=ST-340102");
        assertThat(browser.text(By.id("cases-grid"))).contains("st-hi-1", "办结日期", "用时（分钟）", "1800", "审核");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-tasks.png"));
    }

    @Test
    @DisplayName("SUP-03 SUP-02 a list of more than 10,000 rows says 超过10,000条 and still pages its rows")
    void cappedListCount() {
        fixture.bulkUses("ST-T8");
        try {
            browser.login("admin", PASSWORD);
            browser.open("supervision/cases?measure=CARD_USES&from=2001-01-15&to=2001-01-15&region=350102");
            browser.waitUntil("the capped total", () -> browser.text(By.id("cases-summary")).contains("超过10,000条"));
            browser.waitUntil("the first page shown", () -> browser.text(By.id("cases-grid"))
                    .contains("000000ST0000000001"));
            browser.screenshot(SCREENSHOTS.resolve("supervision-cases-capped.png"));
        } finally {
            fixture.removeBulkUses("ST-T8");
        }
    }

    @Test
    @DisplayName("STAT-01 clicking a SAM-state slice of 综合统计 opens that state's SAM cards; a request-type slice the requests of that type")
    void overviewSlicesDrillDown() {
        browser.login("stsup34", PASSWORD);
        showOctober("statistics/overview");
        long frozen = users.as("stsup34", () -> statistics.countCases(Measure.SAM_STATE, OCTOBER.withStatus("FROZEN")));
        assertThat(frozen).isEqualTo(1);
        chooseCategory("SAM卡状态");
        clickSlice("overview-chart", 1); // ACTIVE, FROZEN
        landsOn(frozen, "measure=SAM_STATE", "status=FROZEN");
        assertThat(browser.text(By.id("cases-grid"))).contains("ST-SAM-2", "SAM卡号", "冻结", "ST-SB1")
                .doesNotContain("ST-SAM-1");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-sam.png"));

        showOctober("statistics/overview");
        long losses = users.as("stsup34", () -> statistics.countCases(Measure.CARD_REQUESTS,
                OCTOBER.withRequestType("LOSS_REPORT")));
        assertThat(losses).isEqualTo(1);
        chooseCategory("卡片业务");
        clickSlice("overview-chart", 0); // LOSS_REPORT
        landsOn(losses, "measure=CARD_REQUESTS", "requestType=LOSS_REPORT");
        assertThat(browser.text(By.id("cases-grid"))).contains("RQST0001", "业务类型");
        browser.screenshot(SCREENSHOTS.resolve("supervision-cases-requests.png"));
    }

    /** Shows the overview's pie of one category and waits until it is drawn. */
    private void chooseCategory(String label) {
        browser.waitUntil("overview drawn", () -> drawCount("overview-chart") > 0);
        int before = drawCount("overview-chart");
        browser.select("sup-category", label);
        browser.waitUntil("the pie of " + label, () -> drawCount("overview-chart") > before);
    }

    /** The click led to the case list with these address parts, and the list holds the service's rows. */
    private void landsOn(long expected, String... addressParts) {
        browser.waitUntil("the case list", () -> browser.driver().getCurrentUrl().contains("/supervision/cases?"));
        assertThat(browser.driver().getCurrentUrl()).contains(addressParts).contains("from=2026-10-01",
                "to=2026-10-31");
        browser.waitFor(By.id("cases-grid"));
        browser.waitUntil("the grid has the service's " + expected + " rows", () -> gridSize("cases-grid") == expected);
        assertThat(browser.text(By.id("cases-summary"))).contains("共 " + expected + " 条");
        browser.waitFor(By.id("cases-export-xlsx"));
    }

    @Test
    @DisplayName("SUP-02 a national table over 20000 rows is refused by the service; the screen names and marks 结束日期 and keeps the old chart")
    void rowCapShown() {
        Long present = jdbc.queryForObject("SELECT COUNT(*) FROM institution", Long.class);
        long needed = StatisticsFilter.MAX_ROWS / StatisticsFilter.MAX_DAYS + 1 - present;
        for (int i = 0; i < needed; i++) {
            jdbc.update("INSERT INTO institution (code, name, region_code, kind, active, registered_at)"
                    + " VALUES (?, '统计上限测试网点', '340102', 'SERVICE_POINT', TRUE, CURRENT_TIMESTAMP)", "ST-CAPB-" + i);
        }
        try {
            browser.login("admin", PASSWORD);
            browser.open("supervision/issuing");
            browser.waitFor(By.id("issuing-grid"));
            int before = drawCount("issuing-chart");
            browser.fillDate("sup-from", StatisticsFixture.TO.minusDays(StatisticsFilter.MAX_DAYS - 1));
            browser.fillDate("sup-to", StatisticsFixture.TO);
            browser.click(By.id("sup-run"));
            browser.waitUntil("the refusal shown", () -> browser.pageContains("统计结果可能超过20000行"));
            assertThat(browser.driver().findElement(By.id("sup-to")).getAttribute("invalid")).isNotNull();
            assertThat(browser.driver().findElement(By.id("sup-to")).getText()).contains("统计期间");
            assertThat(drawCount("issuing-chart")).as("the old chart stays").isEqualTo(before);
        } finally {
            jdbc.update("DELETE FROM institution WHERE code LIKE 'ST-CAPB-%'");
        }
    }

    private int drawCount(String id) {
        Object n = browser.driver().executeScript("const el = document.getElementById(arguments[0]);"
                + " return el ? Number(el.getAttribute('data-chart-ready')) || 0 : 0;", id);
        return ((Number) n).intValue();
    }

    @SuppressWarnings("unchecked")
    private List<Long> barValues(String id, int series) {
        List<Object> values = (List<Object>) browser.driver().executeScript("const o = echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption();"
                + " return o.series[arguments[1]].data.map(v => (v && v.value !== undefined) ? v.value : v);",
                id, series);
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }

    private String categories(String id) {
        return (String) browser.driver().executeScript("const o = echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption();"
                + " return JSON.stringify([].concat(o.xAxis || [], o.yAxis || []).map(a => a.data || []));", id);
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames() {
        Object names = browser.driver().executeScript("const el = document.getElementById('issuing-series');"
                + " const c = el && window.echarts && echarts.getInstanceByDom(el);"
                + " return c ? c.getOption().series.map(s => s.name) : [];");
        return (List<String>) names;
    }

    @SuppressWarnings("unchecked")
    private List<String> labels() {
        Object result = browser.driver().executeScript("const c = document.getElementById('sup-region');"
                + " return (c.filteredItems || []).filter(i => i && i.label).map(i => i.label);");
        return result == null ? List.of() : (List<String>) result;
    }

    private void showOctober(String route) {
        browser.open(route);
        browser.fillDate("sup-from", StatisticsFixture.FROM);
        browser.fillDate("sup-to", StatisticsFixture.TO);
        browser.click(By.id("sup-run"));
    }

    private long gridSize(String id) {
        Object size = browser.driver().executeScript("const g = document.getElementById(arguments[0]);"
                + " return g ? (g.size || 0) : -1;", id);
        return ((Number) size).longValue();
    }

    /** The layout of item {@code arguments[2]} of series {@code arguments[1]}, as the centre {@code p} of a bar. */
    private static final String BAR_CENTRE = "const p = {x: l.x + l.width / 2, y: l.y + l.height / 2};";
    /** The same for a pie slice: the middle of its arc between the inner and outer radius. */
    private static final String SLICE_CENTRE = "const a = (l.startAngle + l.endAngle) / 2, r = ((l.r0 || 0) + l.r) / 2;"
            + " const p = {x: l.cx + r * Math.cos(a), y: l.cy + r * Math.sin(a)};";

    /** Clicks the middle of the drawn bar with the mouse. */
    private void clickBar(String id, int series, int index) {
        pointAt(id, BAR_CENTRE, series, index).pause(300).click().perform();
        browser.waitVaadin();
    }

    /** Moves the mouse over the drawn bar, so that its tooltip shows. */
    private void hoverBar(String id, int series, int index) {
        pointAt(id, BAR_CENTRE, series, index).pause(800).perform();
    }

    /** Clicks the middle of the drawn pie slice {@code index} with the mouse. */
    private void clickSlice(String id, int index) {
        // a pie sweeps in for about a second (ECharts' opening animation): a slice is not under the pointer before
        pointAt(id, SLICE_CENTRE, 0, index).pause(1500).click().perform();
        browser.waitVaadin();
    }

    /** The mouse moved onto the centre of a drawn item of the chart, the chart scrolled into view first. */
    private Actions pointAt(String id, String centre, int series, int index) {
        browser.waitUntil(id + " drawn", () -> !browser.driver().findElements(
                By.cssSelector("#" + id + "[data-chart-ready] canvas")).isEmpty());
        WebElement chart = browser.driver().findElement(By.id(id));
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        @SuppressWarnings("unchecked")
        Map<String, Number> at = (Map<String, Number>) browser.driver().executeScript(
                "const c = echarts.getInstanceByDom(arguments[0]);"
                        + " const l = c.getModel().getSeriesByIndex(arguments[1]).getData()"
                        + ".getItemLayout(arguments[2]); " + centre
                        + " return {x: p.x, y: p.y, w: arguments[0].clientWidth, h: arguments[0].clientHeight};",
                chart, series, index);
        int dx = (int) Math.round(at.get("x").doubleValue() - at.get("w").doubleValue() / 2);
        int dy = (int) Math.round(at.get("y").doubleValue() - at.get("h").doubleValue() / 2);
        return new Actions(browser.driver()).moveToElement(chart, dx, dy);
    }

}
