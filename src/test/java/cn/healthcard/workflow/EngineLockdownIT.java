package cn.healthcard.workflow;

import cn.healthcard.audit.AuditLog;
import cn.healthcard.card.CardService;
import cn.healthcard.issuance.CardApplicationService;
import cn.healthcard.support.CardApplicationScenarios;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestResidents;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.LinkedMultiValueMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process engine is no superuser's back door (issue #10 defect 3, docs/decisions/018): an admin cannot complete a
 * case task, deploy, change variables or move instances over the engine's HTTP API; BPMN expressions reach only the
 * process beans; deployments and direct engine changes are audited; the application's own engine calls still work
 * with the engine's authorization checks on.
 */
@IntegrationTest
class EngineLockdownIT {

    @Autowired TestRestTemplate rest;
    @Autowired CardApplicationService applications;
    @Autowired TaskInboxService inbox;
    @Autowired CardService cards;
    @Autowired TestUsers users;
    @Autowired AuditLog auditLog;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired ProcessDeployments deployments;

    CardApplicationScenarios scenario;

    @BeforeEach
    void setUp() {
        scenario = new CardApplicationScenarios(applications, inbox, cards, users);
    }

    @Test
    @DisplayName("SEC-01 BPM-02 an admin cannot complete, submit or resolve a supervisor's review task over engine REST")
    void adminCannotCompleteReviewTask() {
        TaskRef review = reviewTask("韩立群");
        String body = "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}";

        for (String action : List.of("complete", "submit-form", "resolve", "claim")) {
            ResponseEntity<String> answer = admin(HttpMethod.POST, "/engine-rest/task/" + review.taskId() + "/" + action,
                    body);
            assertThat(answer.getStatusCode()).as(action + ": " + answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(admin(HttpMethod.POST, "/engine-rest/engine/default/task/" + review.taskId() + "/complete", body)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var task = tasks.createTaskQuery().taskId(review.taskId()).singleResult();
        assertThat(task).as("the review task is still open").isNotNull();
        assertThat(task.getAssignee()).isNull();
    }

    @Test
    @DisplayName("SEC-01 engine REST refuses deployments, variable changes, instance modification, messages, deletion")
    void dangerousCallsRefused() {
        TaskRef review = reviewTask("蔡文静");
        String pi = review.processInstanceId();

        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "attack");
        form.add("data", new ByteArrayResource(scriptProcess("attack").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "attack.bpmn";
            }
        });
        var multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> deploy = rest.withBasicAuth("admin", "demo1234").exchange("/engine-rest/deployment/create",
                HttpMethod.POST, new HttpEntity<>(form, multipart), String.class);
        assertThat(deploy.getStatusCode()).as(deploy.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deploy.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(repository.createDeploymentQuery().deploymentName("attack").count()).isZero();

        assertThat(admin(HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/regionCode",
                "{\"value\":\"110000\",\"type\":\"String\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/variables",
                "{\"modifications\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.PUT, "/engine-rest/task/" + review.taskId() + "/variables/reviewDecision",
                "{\"value\":\"APPROVE\",\"type\":\"String\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.getVariable(pi, "regionCode")).isEqualTo("110105");
        assertThat(runtime.getVariable(pi, "reviewDecision")).isNull();

        assertThat(admin(HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/modification",
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"" + review.taskDefinitionKey() + "\"}]}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.POST, "/engine-rest/message",
                "{\"messageName\":\"cardProduced\",\"businessKey\":\"" + review.businessKey() + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.DELETE, "/engine-rest/process-instance/" + pi, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.POST, "/engine-rest/process-definition/key/card-application/start", "{}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin(HttpMethod.POST, "/engine-rest/authorization/create",
                "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"clerk\",\"resourceType\":0,\"resourceId\":\"*\"}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult()).isNotNull();
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).singleResult()).isNotNull();
    }

    @Test
    @DisplayName("SEC-01 SEC-03 what operators need works over engine REST, and direct engine changes are audited")
    void operatorCallsWorkAndAreAudited() {
        TaskRef review = reviewTask("邓海燕");
        String pi = review.processInstanceId();

        ResponseEntity<String> definitions = admin(HttpMethod.GET, "/engine-rest/process-definition?key=card-application",
                null);
        assertThat(definitions.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(definitions.getBody()).contains("\"key\":\"card-application\"");
        assertThat(admin(HttpMethod.GET, "/engine-rest/incident", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin(HttpMethod.POST, "/engine-rest/process-instance/count",
                "{\"businessKey\":\"" + review.businessKey() + "\"}").getBody()).contains("\"count\":1");

        String job = management.createJobQuery().processInstanceId(pi).list().get(0).getId();
        ResponseEntity<String> retries = admin(HttpMethod.PUT, "/engine-rest/job/" + job + "/retries", "{\"retries\":2}");
        assertThat(retries.getStatusCode()).as(retries.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(2);

        assertThat(admin(HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/suspended", "{\"suspended\":true}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().isSuspended()).isTrue();
        assertThat(admin(HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/suspended", "{\"suspended\":false}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        List<AuditLog.Entry> trail = users.as("auditor", () -> auditLog.about("ProcessEngine", pi));
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("EngineOperationPerformed");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.caseRef()).isEqualTo(review.businessKey());
            assertThat(e.regionCode()).isEqualTo("110105");
        });
        assertThat(trail).extracting(AuditLog.Entry::detail)
                .anyMatch(d -> d.startsWith("SetJobRetries Job") && d.contains("jobId=" + job))
                .anyMatch(d -> d.startsWith("Suspend ProcessInstance"))
                .anyMatch(d -> d.startsWith("Activate ProcessInstance"));
    }

    @Test
    @DisplayName("SEC-01 SEC-03 engine authorization is on: a non-admin engine user is refused; an admin's direct "
            + "variable change is audited without its value")
    void engineAuthorizationAndVariableAudit() {
        TaskRef review = reviewTask("彭晓光");
        String pi = review.processInstanceId();

        users.run("supervisor", () -> {
            identity.setAuthentication("supervisor", List.of("SUPERVISOR"));
            try {
                assertThatThrownBy(() -> runtime.setVariable(pi, "reviewDecision", "APPROVE"))
                        .isInstanceOf(AuthorizationException.class);
            } finally {
                identity.clearAuthentication();
            }
        });
        users.run("admin", () -> {
            identity.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
            try {
                runtime.setVariable(pi, "lockdownProbe", "秘密值");
            } finally {
                identity.clearAuthentication();
            }
        });

        assertThat(users.as("auditor", () -> auditLog.about("ProcessEngine", pi)))
                .filteredOn(e -> e.detail().startsWith("SetVariable"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.caseRef()).isEqualTo(review.businessKey());
                    assertThat(e.detail()).doesNotContain("秘密值");
                });
    }

    @Test
    @DisplayName("SEC-01 BPM-04 BPMN expressions reach only the process beans: a model calling ${cryptoDevice} or "
            + "${keyManagementService} is refused, allowed beans resolve")
    void expressionsSeeOnlyProcessBeans() {
        // decision 032: such a model is refused at deployment (rule EXPRESSION); were it deployed, the beans map of
        // decision 018 would still not resolve the bean
        for (String bean : List.of("cryptoDevice", "keyManagementService", "auditEventRepository")) {
            String key = "lockdown-el-" + bean;
            assertThatThrownBy(() -> repository.createDeployment().name(key).addString(key + ".bpmn",
                    expressionProcess(key, "${" + bean + ".toString()}")).deploy())
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("EXPRESSION").hasMessageContaining(bean);
        }
        String key = "lockdown-el-allowed";
        String id = repository.createDeployment().name(key).addString(key + ".bpmn",
                expressionProcess(key, "${activateCardDelegate != null &amp;&amp; keyCustodians != null}")).deploy().getId();
        try {
            String pi = runtime.startProcessInstanceByKey(key).getId();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        } finally {
            repository.deleteDeployment(id, true);
        }
    }

    @Test
    @DisplayName("BPM-05 SEC-01 the expression bean allow-list holds every bean processes/ names, and no service")
    void allowListCoversTheProcesses() throws IOException {
        var named = users.as("admin", () -> deployments.expressionBeans());
        assertThat(named).containsAll(beansNamedInProcesses())
                .doesNotContain("cryptoDevice", "keyManagementService", "cardProducedListener",
                        "replacementCardProducedListener");
        assertThat(named).allSatisfy(n -> assertThat(n).matches("[a-z][A-Za-z]*(Delegate|Listener|Custodians|Schedule)"));
    }

    @Test
    @DisplayName("BPM-05 SEC-01 SEC-03 ProcessDeployments: admins only, models checked, and nothing deploys without a "
            + "change a second admin approved (decision 032; the reviewed deployment is ProcessChangeIT's)")
    void guardedDeployment() {
        assertThatThrownBy(() -> users.as("supervisor", () -> deployments.check(okProcess("lockdown-x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.as("supervisor", () -> deployments.deployApproved("any")))
                .isInstanceOf(AccessDeniedException.class);
        for (String bad : List.of(
                expressionProcess("lockdown-bad1", "${true}").replace("camunda:expression=\"${true}\"",
                        "camunda:delegateExpression=\"${cryptoDevice}\""),
                expressionProcess("lockdown-bad2", "${true}").replace("camunda:expression=\"${true}\"",
                        "camunda:class=\"java.lang.Object\""),
                scriptProcess("lockdown-bad3"),
                okProcess("lockdown-bad4").replace(" camunda:historyTimeToLive=\"P1D\"", ""),
                "<not-bpmn/>")) {
            assertThat(users.as("admin", () -> deployments.check(bad))).isNotEmpty();
        }
        // an admin alone cannot deploy: there is no approved change with this id
        assertThatThrownBy(() -> users.as("admin", () -> deployments.deployApproved("no-such-change")))
                .isInstanceOf(cn.healthcard.common.ConflictException.class);
    }

    @Test
    @DisplayName("SEC-01 BPM-05 the engine refuses any deployment with a script, camunda:class or a delegate outside "
            + "the allow-list, whatever the path")
    void engineRefusesPolicyViolations() {
        for (String bad : List.of(scriptProcess("lockdown-engine1"),
                expressionProcess("lockdown-engine2", "${true}").replace("camunda:expression=\"${true}\"",
                        "camunda:class=\"java.lang.Object\""),
                expressionProcess("lockdown-engine3", "${true}").replace("camunda:expression=\"${true}\"",
                        "camunda:delegateExpression=\"${cryptoDevice}\""))) {
            assertThatThrownBy(() -> repository.createDeployment().name("lockdown-engine")
                    .addString("bad.bpmn", bad).deploy())
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("BPMN policy");
        }
        // an expression hidden by a '}' in a string literal, or split by a comment, is still seen (review 15 #1)
        for (String hidden : List.of(
                expressionProcess("lockdown-engine4", "${&apos;}&apos;!=null and "
                        + "execution.getProcessEngineServices().getIdentityService() != null}"),
                expressionProcess("lockdown-engine5", "${true}").replace("camunda:expression=\"${true}\" "
                        + "camunda:resultVariable=\"r\"/>", "><bpmn:extensionElements><camunda:inputOutput>"
                        + "<camunda:inputParameter name=\"x\">$<!-- -->{execution.getProcessEngineServices()"
                        + ".getIdentityService() != null}</camunda:inputParameter></camunda:inputOutput>"
                        + "</bpmn:extensionElements></bpmn:serviceTask>"))) {
            assertThatThrownBy(() -> repository.createDeployment().name("lockdown-engine")
                    .addString("bad.bpmn", hidden).deploy())
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("EXPRESSION");
        }
        assertThat(repository.createDeploymentQuery().deploymentName("lockdown-engine").count()).isZero();
    }

    @Test
    @DisplayName("SEC-03 the start-up deployment of processes/ is audited too, as the system")
    void startupDeploymentAudited() {
        // the first deployment of the shipped files (later ones may be admins' changes, decision 032)
        String id = repository.createProcessDefinitionQuery().processDefinitionKey("card-application")
                .orderByProcessDefinitionVersion().asc().listPage(0, 1).get(0).getDeploymentId();
        assertThat(users.as("auditor", () -> auditLog.about("Deployment", id))).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("ProcessDeployed");
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.detail()).contains("card-application.bpmn sm3=");
        });
    }

    private TaskRef reviewTask(String name) {
        String id = scenario.submit("clerk", TestResidents.newResident(name)).applicationId();
        return scenario.task("supervisor", id, CardApplicationService.REVIEW_TASK);
    }

    private ResponseEntity<String> admin(HttpMethod method, String path, String json) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("admin", "demo1234").exchange(path, method, new HttpEntity<>(json, headers),
                String.class);
    }

    private static Stream<String> beanNames(String text) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(text);
        return m.results().map(r -> r.group(1));
    }

    private static List<String> beansNamedInProcesses() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).flatMap(f -> {
                try {
                    return beanNames(Files.readString(f));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(n -> n.endsWith("Delegate") || n.equals("keyCustodians")).distinct().toList();
        }
    }

    private static String head(String key) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d-" + key + "\" "
                + "targetNamespace=\"http://healthcard.cn/test\">\n"
                + "  <bpmn:process id=\"" + key + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">\n"
                + "    <bpmn:startEvent id=\"s\"/>\n"
                + "    <bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/>\n";
    }

    private static String tail() {
        return "    <bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>\n"
                + "    <bpmn:endEvent id=\"e\"/>\n"
                + "  </bpmn:process>\n"
                + "</bpmn:definitions>\n";
    }

    private static String expressionProcess(String key, String expression) {
        return head(key) + "    <bpmn:serviceTask id=\"t\" camunda:expression=\"" + expression
                + "\" camunda:resultVariable=\"r\"/>\n" + tail();
    }

    private static String okProcess(String key) {
        return head(key) + "    <bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"${activateCardDelegate}\"/>\n"
                + tail();
    }

    private static String scriptProcess(String key) {
        return head(key) + "    <bpmn:scriptTask id=\"t\" scriptFormat=\"javascript\">"
                + "<bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>\n" + tail();
    }
}
