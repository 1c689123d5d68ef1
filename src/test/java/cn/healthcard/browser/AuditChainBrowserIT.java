package cn.healthcard.browser;

import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TamperedAuditEntry;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 「审计日志校验」 in a real browser: an admin finds an entry changed behind the application's back (tampered with
 * plain JDBC and restored afterwards, so the shared test log stays intact), sees the intact chain again, rebuilds the
 * search index after confirming; an auditor verifies but cannot rebuild; a clerk has no such menu.
 */
@IntegrationTest
class AuditChainBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";
    private static final By MENU = By.xpath("//vaadin-side-nav-item[normalize-space(.)='审计日志校验']");

    @LocalServerPort
    int port;

    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;

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
    @DisplayName("SEC-03 BPM-03 the audit-chain screen shows a tampered entry with its fields, then 「完整」 once restored; the admin rebuilds the search index after confirming; an auditor verifies but has no rebuild; a clerk has no menu")
    void verifyAndRebuild() {
        browser.login("clerk", PASSWORD);
        assertThat(browser.driver().findElements(MENU)).isEmpty();
        browser.logout();

        browser.login("admin", PASSWORD);
        browser.click(MENU);
        browser.waitFor(By.id("audit-chain-verify"));
        assertThat(browser.text(By.id("audit-index-failing"))).isEqualTo("否");

        try (var tampered = TamperedAuditEntry.create(jdbc, users, tx, events)) {
            browser.click(By.id("audit-chain-verify"));
            browser.waitUntil("the verification's result", () -> browser.pageContains("已校验"));
            assertThat(browser.text(By.id("audit-chain-state"))).isEqualTo("断裂");
            assertThat(browser.text(By.id("audit-chain-broken-id"))).endsWith("编号 " + tampered.id());
            assertThat(browser.text(By.id("audit-chain-broken-entry")))
                    .contains(TamperedAuditEntry.TAMPERED_DETAIL, "PersonalDataRead", "clerk");
            browser.screenshot(SCREENSHOTS.resolve("audit-chain.png"));
        }
        assertThat(jdbc.queryForMap("SELECT actor, channel FROM audit_event WHERE event_type = 'AuditChainVerified'"
                + " ORDER BY id DESC LIMIT 1")).containsEntry("ACTOR", "admin").containsEntry("CHANNEL", "UI");

        browser.click(By.id("audit-chain-verify"));
        browser.waitUntil("「完整」", () -> browser.text(By.id("audit-chain-state")).equals("完整"));
        assertThat(browser.driver().findElements(By.id("audit-chain-broken-id"))).isEmpty();

        long entries = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
        browser.click(By.id("audit-index-rebuild"));
        browser.waitFor(By.id("audit-index-rebuild-confirm"));
        assertThat(browser.pageContains("将删除索引「healthcard-audit」")).isTrue();
        browser.click(By.id("audit-index-rebuild-confirm"));
        browser.waitUntil("the rebuild's result", () -> browser.pageContains("已重建"));
        String rebuilt = browser.text(By.id("audit-index-rebuilt"));
        assertThat(Long.parseLong(rebuilt.replaceAll("^已重建，写入 ([\\d,]+) 条记录.*$", "$1").replace(",", "")))
                .isGreaterThanOrEqualTo(entries);
        browser.screenshot(SCREENSHOTS.resolve("audit-chain-rebuilt.png"));
        browser.logout();

        browser.login("auditor", PASSWORD);
        browser.click(MENU);
        browser.click(By.id("audit-chain-verify"));
        browser.waitUntil("「完整」 for the auditor", () -> browser.pageContains("已校验")
                && browser.text(By.id("audit-chain-state")).equals("完整"));
        assertThat(browser.driver().findElements(By.id("audit-index-rebuild"))).isEmpty();
    }
}
