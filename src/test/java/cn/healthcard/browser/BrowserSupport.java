package cn.healthcard.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium driven by Selenium for browser tests of the Vaadin UI. Uses the Debian packages
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; the driver path is given explicitly, so Selenium
 * Manager never runs (and never downloads anything).
 */
final class BrowserSupport implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriver driver;

    BrowserSupport(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(CHROMIUM + " or " + CHROMEDRIVER + " is missing: run bin/test, which installs Chromium and chromedriver");
        }
        this.baseUrl = baseUrl;
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,1500", "--lang=zh-CN", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String route) {
        driver.get(baseUrl + "/" + route);
        waitVaadin();
        hideDevTools();
    }

    void login(String user, String password) {
        open("login");
        WebElement name = waitFor(By.cssSelector("input[name=username]"));
        name.sendKeys(user);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password, Keys.ENTER);
        waitFor(By.id("logout"));
        waitVaadin();
        hideDevTools();
    }

    void logout() {
        click(By.id("logout"));
        waitFor(By.cssSelector("input[name=username]"));
        waitVaadin();
    }

    /** Waits until the Vaadin client has booted and has no server round trip under way. */
    void waitVaadin() {
        waitUntil("Vaadin client idle", () -> Boolean.TRUE.equals(driver.executeScript(
                "return !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                        + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive()))")));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Clicks an element, scrolled to the middle of the window so that nothing at the window's edges covers it. */
    void click(By by) {
        WebElement element = new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.elementToBeClickable(by));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
        waitVaadin();
    }

    /** Types into the {@code <input>} or {@code <textarea>} of a Vaadin text field, text area or date picker. */
    void fillText(String id, String text) {
        WebElement input = waitFor(By.cssSelector("#" + id + " input, #" + id + " textarea"));
        input.clear();
        input.sendKeys(text, Keys.TAB);
        waitVaadin();
    }

    /** Types a date as the Chinese locale writes it ({@code 1990/3/7}) into a date picker and commits it with Enter. */
    void fillDate(String id, LocalDate date) {
        WebElement input = waitFor(By.cssSelector("#" + id + " input"));
        input.clear();
        input.sendKeys(date.toString(), Keys.ENTER); // the Chinese calendar takes ISO dates (yyyy-MM-dd)
        waitVaadin();
        waitUntil(id + " closed", () -> driver.findElements(By.cssSelector("#" + id + "[opened]")).isEmpty());
    }

    /** Opens a {@code vaadin-select} and clicks the item with the given label. */
    void select(String id, String label) {
        // one list open at a time: another select's list may still be closing (its items still shown) and hold the
        // same label
        By openOrClosing = By.cssSelector("vaadin-select-overlay[opened], vaadin-select-overlay[closing]");
        waitUntil("no select list open", () -> driver.findElements(openOrClosing).isEmpty());
        click(By.id(id));
        String text = "[normalize-space(.)='" + label + "']";
        By inOpenList = By.xpath("//vaadin-select-overlay[@opened]//vaadin-select-item" + text);
        By anyList = By.xpath("//vaadin-select-list-box/vaadin-select-item" + text);
        new WebDriverWait(driver, TIMEOUT).until(d -> {
            var items = d.findElements(inOpenList);
            if (items.isEmpty()) {
                items = d.findElements(anyList);
            }
            return items.stream().filter(e -> e.isDisplayed() && e.getSize().getHeight() > 0).findFirst()
                    .orElse(null);
        }).click();
        waitVaadin();
        waitUntil("the select list closed", () -> driver.findElements(openOrClosing).isEmpty());
        waitUntil(id + " shows " + label, () -> label.equals(driver.findElement(By.id(id))
                .findElement(By.cssSelector("vaadin-select-value-button")).getText().trim()));
    }

    /** Chooses the radio button with the given label in a {@code vaadin-radio-group}. */
    void chooseRadio(String id, String label) {
        click(By.xpath("//*[@id='" + id + "']//vaadin-radio-button/label[normalize-space(.)='" + label + "']"));
        waitUntil(id + " is " + label, () -> driver.findElements(By.xpath("//*[@id='" + id
                + "']//vaadin-radio-button[@checked]/label[normalize-space(.)='" + label + "']")).size() == 1);
    }

    /** Gives a file to the {@code vaadin-upload} inside the element {@code id}, and waits for it to be uploaded. */
    void upload(String id, Path file) {
        WebElement upload = waitFor(By.id(id)).findElement(By.cssSelector("vaadin-upload"));
        fileInput(upload).sendKeys(file.toAbsolutePath().toString());
        waitUntil("upload complete", () -> Boolean.TRUE.equals(driver.executeScript(
                "return arguments[0].files.length > 0 && arguments[0].files.every(f => f.complete)", upload)));
        waitVaadin();
    }

    private static WebElement fileInput(WebElement upload) {
        By input = By.cssSelector("input[type=file]");
        try {
            return upload.findElement(input);
        } catch (NoSuchElementException lightDomHasNone) {
            SearchContext shadow = upload.getShadowRoot();
            return shadow.findElement(input);
        }
    }

    boolean pageContains(String text) {
        return driver.findElement(By.tagName("body")).getText().contains(text);
    }

    String text(By by) {
        return waitFor(by).getText().trim();
    }

    /**
     * Removes Vaadin's development tools (Copilot) from the page: its "Development Mode" notification covers
     * content and takes clicks. Needed again after every full page load.
     */
    void hideDevTools() {
        driver.executeScript("document.querySelectorAll('copilot-main, vaadin-dev-tools').forEach(e => e.remove())");
    }

    /** Scrolls the view back to its top (its heading), e.g. before a screenshot. */
    void scrollToTop() {
        driver.executeScript("document.querySelector('h2').scrollIntoView({block: 'end'})");
    }

    /** Saves a PNG of the window, without Vaadin's development tools. */
    void screenshot(Path png) {
        if (Boolean.TRUE.equals(driver.executeScript("return !!window.Vaadin"))) {
            waitVaadin();
        }
        hideDevTools();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code condition} every 100 ms for at most 30 s. An element that Vaadin replaced while the condition read
     * it (stale) counts as "not yet".
     */
    void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, TIMEOUT, condition);
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, for pages known to be slow (Camunda's webapps on a busy machine). */
    void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting for: " + what);
            }
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            screenshot(Path.of("target/browser-last.png"));
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
