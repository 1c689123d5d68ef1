package cn.healthcard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.support.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chart component in a real browser (SUP-02, decision 035), on the test-only route {@code test/chart}
 * ({@code shell.chart.ChartTestView}): the pinned ECharts bundle loads behind the login, the bars draw on a canvas,
 * hovering a bar shows its values in the tooltip, clicking the third bar reaches the server as data index 2, the
 * chart follows its element's size, a new spec replaces the old one, and a chart that left the page is disposed.
 */
@IntegrationTest
class ChartBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String CHART = "const el = document.getElementById('test-chart');"
            + " const chart = window.echarts.getInstanceByDom(el);";

    @LocalServerPort
    int port;

    private BrowserSupport browser;

    @BeforeEach
    void startBrowser() {
        browser = new BrowserSupport("http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    @DisplayName("SUP-02 SUP-01: hovering a bar shows its values; clicking the third bar fires the server's "
            + "ChartClickEvent with data index 2; ECharts' texts in Chinese; the chart follows its size; a pie replaces "
            + "the bars")
    void hoverAndClick() {
        var driver = browser.driver();
        browser.login("supervisor", "demo1234");
        browser.open("test/chart");
        WebElement el = browser.waitFor(By.id("test-chart"));
        browser.waitUntil("the chart drawn", Duration.ofSeconds(60),
                () -> el.getAttribute("data-chart-ready") != null && !el.findElements(By.tagName("canvas")).isEmpty());
        assertThat(js("return window.echarts.version")).isEqualTo("6.1.0");
        assertThat(js("return document.getElementById('test-chart').__hcLocale")).isEqualTo("ZH");
        assertThat(js(CHART + " return chart.getOption().series.map(s => s.name).join(',')"))
                .isEqualTo("申领,申领(上期)");

        // hover the second region's current bar: the tooltip (drawn on the canvas in text mode) shows both values
        hover(el, 0, 1);
        browser.waitUntil("the tooltip shows 87 and 73", Duration.ofSeconds(10), () -> {
            String texts = String.valueOf(js(CHART + " return chart.getZr().storage.getDisplayList(true)"
                    + ".filter(e => e.style && typeof e.style.text === 'string').map(e => e.style.text).join('|')"));
            return texts.contains("北京市海淀区") && texts.contains("87") && texts.contains("73");
        });
        browser.screenshot(SCREENSHOTS.resolve("chart-hover.png"));

        // click the third bar: the server gets series 0, data index 2 and maps it to its own category
        WebElement bar = hover(el, 0, 2);
        new Actions(driver).click().perform();
        browser.waitVaadin();
        browser.waitUntil("the click reached the server", Duration.ofSeconds(10),
                () -> "0:2:北京市东城区".equals(driver.findElement(By.id("chart-clicked")).getText()));
        assertThat(bar).isNotNull();
        // and the comparison bar of the first region: series 1
        hover(el, 1, 0);
        new Actions(driver).click().perform();
        browser.waitVaadin();
        browser.waitUntil("the comparison click", Duration.ofSeconds(10),
                () -> "1:0:北京市朝阳区".equals(driver.findElement(By.id("chart-clicked")).getText()));

        // the chart follows its element's size (ResizeObserver)
        js("document.getElementById('test-chart').style.width = '500px'");
        browser.waitUntil("the chart resized", Duration.ofSeconds(10),
                () -> Long.valueOf(500).equals(js(CHART + " return chart.getWidth()")));

        // a new spec replaces the old one in the same chart
        browser.click(By.id("chart-pie"));
        browser.waitUntil("the pie drawn", Duration.ofSeconds(10),
                () -> "pie".equals(js(CHART + " return chart.getOption().series[0].type")));
        assertThat(js(CHART + " return chart.getOption().series.length")).isEqualTo(1L);
        @SuppressWarnings("unchecked")
        List<Object> names = (List<Object>) js(CHART + " return chart.getOption().series[0].data.map(d => d.name)");
        assertThat(names).containsExactly("正常", "挂失", "注销");

        // a chart whose element left the page is disposed when the next one is drawn (ECharts keeps every instance)
        browser.click(By.id("chart-replace"));
        browser.waitUntil("the new chart drawn", Duration.ofSeconds(10), () -> Boolean.TRUE.equals(js(
                "const el = document.getElementById('test-chart-2');"
                        + " return !!el && !!window.echarts.getInstanceByDom(el) && window.__hcCharts.size === 1")));
        assertThat(js("return document.getElementById('test-chart')")).isNull();
    }

    /** Moves the mouse onto the middle of a bar, as ECharts laid it out (beside the other series' bars). */
    private WebElement hover(WebElement el, int series, int index) {
        @SuppressWarnings("unchecked")
        List<Number> middle = (List<Number>) js(CHART + " const r = chart.getModel().getSeriesByIndex(" + series
                + ").getData().getItemLayout(" + index + "); return [r.x + r.width / 2, r.y + r.height / 2];");
        int x = (int) Math.round(middle.get(0).doubleValue() - el.getSize().getWidth() / 2.0);
        int y = (int) Math.round(middle.get(1).doubleValue() - el.getSize().getHeight() / 2.0);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", el);
        new Actions(browser.driver()).moveToElement(el, x, y).perform();
        return el;
    }

    private Object js(String script) {
        return browser.driver().executeScript(script);
    }
}
