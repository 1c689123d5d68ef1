package cn.healthcard.browser;

import cn.healthcard.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-app BPMN modeler in a real browser (BPM-05, BPM-01, decision 033): an admin opens the card-application
 * process in 「流程设计 · 编辑」, adds a user task from the project's element template (a second approval on the
 * approved branch), puts in a service task calling a bean off the allow-list, runs 「检查」 (the problem is marked on that
 * element and listed), removes it, checks again and submits the change for review with a note (case number shown).
 * Element templates are applied through the page's bpmn-js instance ({@code window.healthcardModeler}), as the
 * template chooser would.
 */
@IntegrationTest
class ModelerBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("healthcard.screenshots", "target/screenshots"));

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;

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
    @DisplayName("BPM-05 BPM-01 an admin edits card-application in the modeler: a user task from an element template, "
            + "检查 marks a disallowed bean on its element, 提交审核 with a note answers a case number")
    void editCheckAndSubmit() {
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("card-application")
                .latestVersion().singleResult().getId();
        var driver = browser.driver();
        browser.login("admin", "demo1234");
        browser.open("process-design/edit/" + definitionId);
        assertThat(browser.text(By.id("modeler-definition"))).isEqualTo(definitionId);
        driver.switchTo().frame(browser.waitFor(By.id("modeler-frame")));
        browser.waitUntil("the diagram loaded", Duration.ofSeconds(60),
                () -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));

        // Chinese labels (translate module) and the project's templates, all accepted by the template validator
        assertThat(driver.findElement(By.cssSelector(".djs-palette .entry[data-action='create.task']"))
                .getAttribute("title")).isEqualTo("创建任务");
        assertThat(js("return window.healthcardTemplateErrors")).asList().isEmpty();
        assertThat((Long) js("return window.healthcardModeler.get('elementTemplates').getAll()"
                + ".filter(t => t.id.startsWith('cn.healthcard.')).length")).isGreaterThan(40L);
        assertThat(js("return window.healthcardModeler.get('elementTemplates').getAll()"
                + ".find(t => t.id === 'cn.healthcard.delegate.checkApplicationDelegate').name"))
                .asString().contains("黑名单校验");

        // a second approval on the approved branch, from the form's element template
        String added = (String) js("""
                const m = window.healthcardModeler;
                const registry = m.get('elementRegistry'), modeling = m.get('modeling');
                const flow = registry.get('Flow_approved');
                const target = flow.target;
                const mid = flow.waypoints[Math.floor(flow.waypoints.length / 2)];
                const task = modeling.createShape({type: 'bpmn:UserTask'}, {x: mid.x, y: mid.y - 90},
                    target.parent);
                modeling.reconnectEnd(flow, task, {x: task.x, y: task.y + task.height / 2});
                modeling.connect(task, target);
                const templates = m.get('elementTemplates');
                const applied = templates.applyTemplate(task,
                    templates.getAll().find(t => t.id === 'cn.healthcard.form.review-application'));
                modeling.updateProperties(applied, {name: '复核'}); // the candidate group: the template's default
                return applied.id;""");
        assertThat(js("const bo = window.healthcardModeler.get('elementRegistry').get(arguments[0]).businessObject;"
                + "return [bo.formKey, bo.candidateGroups, bo.modelerTemplate].join('|')", added))
                .isEqualTo("review-application|SUPERVISOR|cn.healthcard.form.review-application");
        shot("modeler.png");

        // a service task calling a bean that is not a process delegate: 检查 marks it
        String bad = (String) js("""
                const m = window.healthcardModeler;
                const modeling = m.get('modeling'), canvas = m.get('canvas');
                const task = modeling.createShape({type: 'bpmn:ServiceTask'}, {x: 700, y: 470}, canvas.getRootElement());
                modeling.updateProperties(task, {name: '取密钥', 'camunda:delegateExpression': '${cryptoDevice}'});
                return task.id;""");
        driver.findElement(By.id("check")).click();
        browser.waitUntil("the check's problems listed",
                () -> !driver.findElements(By.cssSelector("#problems li[data-element-id='" + bad + "']")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#status")).getAttribute("class")).isEqualTo("error");
        assertThat(driver.findElements(By.cssSelector(".djs-element.hc-problem[data-element-id='" + bad + "']")))
                .as("marked on the canvas").hasSize(1);
        assertThat(driver.findElements(By.cssSelector(".hc-problem-badge"))).isNotEmpty();
        shot("modeler-check-error.png");

        js("const m = window.healthcardModeler; m.get('modeling').removeElements([m.get('elementRegistry').get(arguments[0])]);",
                bad);
        driver.findElement(By.id("check")).click();
        browser.waitUntil("the check passes",
                () -> "ok".equals(driver.findElement(By.id("status")).getAttribute("class")));
        assertThat(driver.findElements(By.cssSelector("#problems li"))).isEmpty();

        driver.findElement(By.id("note")).sendKeys("审核通过后增加复核步骤（浏览器测试）");
        driver.findElement(By.id("submit")).click();
        browser.waitUntil("submitted for review", Duration.ofSeconds(60),
                () -> {
                    String caseNumber = driver.findElement(By.id("status")).getAttribute("data-case-number");
                    return caseNumber != null && !caseNumber.isBlank();
                });
        assertThat(driver.findElement(By.id("status")).getText()).contains("已提交审核");
        shot("modeler-submitted.png");
    }

    /** A screenshot of the whole window (the view with its frame), then back into the modeler's frame. */
    private void shot(String name) {
        var driver = browser.driver();
        driver.switchTo().defaultContent();
        browser.screenshot(SCREENSHOTS.resolve(name));
        driver.switchTo().frame(driver.findElement(By.id("modeler-frame")));
    }

    private Object js(String script, Object... args) {
        Object result = browser.driver().executeScript(script, args);
        return result instanceof List<?> list ? List.copyOf(list) : result;
    }
}
