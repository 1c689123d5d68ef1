package cn.healthcard.browser;

import cn.healthcard.security.UserManagement;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 「用户管理」 and the first sign-in (SEC-01, decision 024) as people see them: an admin creates a user and reads the
 * temporary password once; the user signs in, is kept on 「修改密码」, has a weak password refused with the message
 * beside the field, chooses a good one and reaches the inbox.
 */
@IntegrationTest
class UserAdminBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));
    private static final String PASSWORD = "demo1234";

    @LocalServerPort
    int port;

    @Autowired UserManagement management;
    @Autowired TestUsers users;

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
    @DisplayName("SEC-01 an admin creates a user in 「用户管理」 (temporary password shown once); the user signs in, must change the password, a weak one is refused with the message shown, then reaches the inbox; the open session follows a role given by an admin and ends when the account is disabled")
    void createdUserChangesPasswordAtFirstSignIn() {
        String username = "browser" + System.nanoTime() % 1_000_000;

        browser.login("admin", PASSWORD);
        browser.click(By.xpath("//vaadin-side-nav-item[normalize-space(.)='用户管理']"));
        browser.waitFor(By.id("users-grid"));
        browser.click(By.id("users-new"));
        browser.fillText("user-username", username);
        browser.fillText("user-display-name", "浏览器测试");
        var institution = browser.waitFor(By.cssSelector("#user-institution input"));
        institution.sendKeys("BJ-110105");
        browser.click(By.xpath("//vaadin-combo-box-item[contains(normalize-space(.), '(BJ-110105)')]"));
        browser.click(By.xpath("//*[@id='user-roles']//vaadin-checkbox[normalize-space(.)='前台经办员']"));
        browser.screenshot(SCREENSHOTS.resolve("users-create.png"));
        browser.click(By.id("user-save"));
        String temporary = browser.waitFor(By.id("temporary-password")).getText().trim();
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(12);
        browser.screenshot(SCREENSHOTS.resolve("users-temporary-password.png"));
        browser.click(By.id("temporary-password-close"));
        browser.waitUntil("the user is listed", () -> browser.pageContains(username));
        assertThat(users.as("admin", () -> management.user(username)).mustChangePassword()).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("users.png"));

        // a key administrator waits for a second admin; the requester may withdraw (reject) it, not approve it
        String key = "bkey" + System.nanoTime() % 1_000_000;
        users.run("admin", () -> management.create(new UserManagement.NewUser(key, "待复核密管", "NHC-000000",
                java.util.Set.of(cn.healthcard.security.Role.KEY_ADMIN), false)));
        browser.open("admin/users");
        browser.waitUntil("the pending change is listed", () -> browser.pageContains("待复核密管"));
        browser.screenshot(SCREENSHOTS.resolve("users-pending.png"));
        browser.click(By.id("pending-approve-" + key));
        browser.waitUntil("the requester's approval is refused", () -> browser.pageContains("须由申请人以外的另一名管理员批准"));
        browser.click(By.id("pending-reject-" + key));
        browser.fillText("pending-reason", "申请有误，撤回");
        browser.click(By.id("pending-reject-confirm"));
        browser.waitUntil("the change is gone", () -> users.as("admin", () -> management.pendingChanges()).stream()
                .noneMatch(c -> c.username().equals(key)));
        browser.logout();

        browser.login(username, temporary);
        browser.waitFor(By.id("password-change-required"));
        assertThat(browser.driver().getCurrentUrl()).contains("/password");
        browser.open("applications");
        browser.waitFor(By.id("password-change-required")); // every other screen leads back here
        assertThat(browser.driver().getCurrentUrl()).contains("/password");

        browser.fillText("old-password", temporary);
        browser.fillText("new-password", "weakpassword1");
        browser.fillText("confirm-password", "weakpassword1");
        browser.click(By.id("change-password-save"));
        browser.waitUntil("the weak password is refused beside the field", () -> String.valueOf(browser.driver()
                .executeScript("const f = document.getElementById('new-password');"
                        + "return f.invalid ? f.errorMessage : ''")).contains("须包含大写字母、小写字母、数字、其他字符中的至少3类"));
        browser.screenshot(SCREENSHOTS.resolve("password-change-weak.png"));

        browser.fillText("new-password", "Kx7#mQ2pLz9w");
        browser.fillText("confirm-password", "Kx7#mQ2pLz9w");
        browser.click(By.id("change-password-save"));
        browser.waitFor(By.id("inbox-count"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("password");
        assertThat(users.as("admin", () -> management.user(username)).mustChangePassword()).isFalse();
        browser.open("applications");
        assertThat(browser.driver().findElements(By.id("password-change-required"))).isEmpty();
        browser.logout();

        // the self-service change from the user menu, for anyone
        browser.login(username, "Kx7#mQ2pLz9w");
        browser.click(By.id("change-own-password"));
        browser.waitFor(By.id("old-password"));
        assertThat(browser.driver().findElements(By.id("password-change-required"))).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("password-change.png"));
        browser.driver().findElement(By.cssSelector("#old-password input")).sendKeys(Keys.ESCAPE);

        // the open session follows the account: a role given by an admin shows at the next navigation, a disabled
        // account is signed out
        var view = users.as("admin", () -> management.user(username));
        users.run("admin", () -> management.modify(username, view.version(), new UserManagement.UserChange(
                view.displayName(), java.util.Set.of(cn.healthcard.security.Role.CLERK,
                cn.healthcard.security.Role.WAREHOUSE), view.institutionCode(), false)));
        browser.open("inbox");
        browser.waitUntil("the new role is shown", () -> browser.text(By.id("current-user")).contains("库管员"));
        users.run("admin", () -> management.disable(username));
        browser.open("applications");
        browser.waitFor(By.cssSelector("input[name=username]"));
    }
}
