package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.JsonHttp;
import cn.healthcard.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task operations over HTTP (issue #15, BPM-02, SEC-03, decision 034): the attacks — another region, the wrong
 * role, overlong values, a file whose content is not what it claims, a replayed request.
 */
@IntegrationTest
class TaskOperationsApiIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired TaskInboxService inbox;
    @Autowired TestUsers users;

    String caseNo;
    String pi;

    @BeforeEach
    void start() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(TaskOperationsIT.PROCESS).count() == 0) {
            repository.createDeployment().name(TaskOperationsIT.PROCESS)
                    .addModelInstance(TaskOperationsIT.PROCESS + ".bpmn", TaskOperationsIT.model()).deploy();
        }
        caseNo = "TA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        pi = runtime.startProcessInstanceByKey(TaskOperationsIT.PROCESS, caseNo, Map.of("regionCode", "110105"))
                .getId();
    }

    String open(String key) {
        return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId();
    }

    ResponseEntity<String> upload(String user, String taskId, byte[] content, String name, MediaType type,
                                  String requestId) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var partHeaders = new HttpHeaders();
        partHeaders.setContentType(type);
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }, partHeaders));
        String path = "/api/v1/tasks/" + taskId + "/attachments" + (requestId == null ? "" : "?requestId=" + requestId);
        return rest.withBasicAuth(user, "demo1234").exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers),
                String.class);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 over the API: a comment (201), replayed with its requestId (the same note), over 2000 characters (400 naming text), from another region or the wrong role (404); the timeline lists it for a reader and is 404 for another region")
    void comments() {
        String prepare = open("prepare");
        String path = "/api/v1/tasks/" + prepare + "/comments";
        var first = JsonHttp.post(rest, json, "clerk", path, Map.of("text", "材料已收", "requestId", "a-" + caseNo));
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        var again = JsonHttp.post(rest, json, "clerk", path, Map.of("text", "材料已收", "requestId", "a-" + caseNo));
        assertThat(JsonHttp.read(json, again).get("id").asText())
                .isEqualTo(JsonHttp.read(json, first).get("id").asText());

        var tooLong = JsonHttp.post(rest, json, "clerk", path, Map.of("text", "长".repeat(2001)));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLong.getBody()).contains("\"field\":\"text\"");
        assertThat(JsonHttp.post(rest, json, "shclerk", path, Map.of("text", "x")).getStatusCode().value())
                .isEqualTo(404);
        assertThat(JsonHttp.post(rest, json, "supervisor", path, Map.of("text", "x")).getStatusCode().value())
                .isEqualTo(404);

        var timeline = rest.withBasicAuth("clerk2", "demo1234")
                .getForEntity("/api/v1/cases/" + caseNo + "/timeline", String.class);
        assertThat(timeline.getStatusCode().value()).isEqualTo(200);
        JsonNode entries = JsonHttp.read(json, timeline).get("entries");
        assertThat(entries.findValuesAsText("kind")).containsOnlyOnce("COMMENT");
        assertThat(rest.withBasicAuth("shclerk", "demo1234").getForEntity("/api/v1/cases/" + caseNo + "/timeline",
                String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 over the API: a PDF upload (201) and its download (the same bytes, as an attachment); a PNG sent as application/pdf, an HTML page named .pdf (400 naming file); another region's clerk can neither upload (404) nor download (404); a replayed upload stores one file")
    void attachments() {
        String prepare = open("prepare");
        var ok = upload("clerk", prepare, TaskOperationsIT.PDF, "证明.pdf", MediaType.APPLICATION_PDF, "u-" + caseNo);
        assertThat(ok.getStatusCode().value()).isEqualTo(201);
        String id = JsonHttp.read(json, ok).get("id").asText();
        var replay = upload("clerk", prepare, TaskOperationsIT.PDF, "证明.pdf", MediaType.APPLICATION_PDF,
                "u-" + caseNo);
        assertThat(JsonHttp.read(json, replay).get("id").asText()).isEqualTo(id);

        var mismatch = upload("clerk", prepare, TaskOperationsIT.PNG, "scan.pdf", MediaType.APPLICATION_PDF, null);
        assertThat(mismatch.getStatusCode().value()).isEqualTo(400);
        assertThat(mismatch.getBody()).contains("\"field\":\"file\"");
        var html = upload("clerk", prepare, "<html><body>hi</body></html>".getBytes(), "x.pdf",
                MediaType.APPLICATION_PDF, null);
        assertThat(html.getStatusCode().value()).isEqualTo(400);
        assertThat(upload("shclerk", prepare, TaskOperationsIT.PDF, "a.pdf", MediaType.APPLICATION_PDF, null)
                .getStatusCode().value()).isEqualTo(404);

        var download = rest.withBasicAuth("clerk", "demo1234").getForEntity("/api/v1/cases/" + caseNo
                + "/attachments/" + id, byte[].class);
        assertThat(download.getStatusCode().value()).isEqualTo(200);
        assertThat(download.getBody()).isEqualTo(TaskOperationsIT.PDF);
        assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
        assertThat(rest.withBasicAuth("shclerk", "demo1234").getForEntity("/api/v1/cases/" + caseNo
                + "/attachments/" + id, String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 over the API: delegating to another region's clerk 409 DELEGATE_NOT_COLLEAGUE naming delegate; sending back where the process forbids it 409 SEND_BACK_NOT_ALLOWED; a send-back without a reason 400 naming reason; a co-approver on a step that is not a review 409 CO_APPROVAL_NOT_ALLOWED")
    void refusals() {
        String prepare = open("prepare");
        users.run("clerk", () -> inbox.claim(prepare));
        var outside = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/delegation",
                Map.of("delegate", "shclerk"));
        assertThat(outside.getStatusCode().value()).isEqualTo(409);
        assertThat(outside.getBody()).contains("DELEGATE_NOT_COLLEAGUE").contains("delegate");
        var forbidden = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/send-back",
                Map.of("target", "prepare", "reason", "退回"));
        assertThat(forbidden.getStatusCode().value()).isEqualTo(409);
        assertThat(forbidden.getBody()).contains("SEND_BACK_NOT_ALLOWED");
        var noReason = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/send-back",
                Map.of("target", "prepare"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody()).contains("\"field\":\"reason\"");
        var wrongRole = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/co-approvers",
                Map.of("approver", "clerk2", "placement", "BEFORE"));
        assertThat(wrongRole.getStatusCode().value()).isEqualTo(409);
        assertThat(wrongRole.getBody()).contains("CO_APPROVAL_NOT_ALLOWED");
        assertThat(JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/co-approvers",
                Map.of("approver", "x".repeat(65), "placement", "BEFORE")).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 over the API: a file of 4 MiB + 1 byte is refused (413 problem, nothing stored), a request without the file part 400 naming file, a task id over 64 characters 400 naming id")
    void uploadLimits() {
        String prepare = open("prepare");
        var big = upload("clerk", prepare, TaskOperationsIT.oversize(), "big.pdf", MediaType.APPLICATION_PDF, null);
        assertThat(big.getStatusCode().value()).isEqualTo(413);
        var timeline = rest.withBasicAuth("clerk", "demo1234")
                .getForEntity("/api/v1/cases/" + caseNo + "/timeline", String.class);
        assertThat(JsonHttp.read(json, timeline).get("entries").findValuesAsText("kind")).doesNotContain("ATTACHMENT");
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("requestId", "x");
        var noFile = rest.withBasicAuth("clerk", "demo1234").exchange("/api/v1/tasks/" + prepare + "/attachments",
                HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
        assertThat(noFile.getStatusCode().value()).isEqualTo(400);
        assertThat(noFile.getBody()).contains("\"field\":\"file\"");
        var longId = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + "x".repeat(65) + "/comments",
                Map.of("text", "x"));
        assertThat(longId.getStatusCode().value()).isEqualTo(400);
        assertThat(longId.getBody()).contains("\"field\":\"id\"");
    }

    @Test
    @DisplayName("BPM-02 SEC-03 over the API: delegate (204, with a note of 2000 characters) → the delegate resolves (204) → the owner completes; a co-approver's REJECT verdict with a comment of 2000 characters (201) → approving without an override 409 CO_APPROVAL_REJECTED → the override (201) → approved")
    void delegationAndVerdict() {
        String prepare = open("prepare");
        users.run("clerk", () -> inbox.claim(prepare));
        var delegated = JsonHttp.post(rest, json, "clerk", "/api/v1/tasks/" + prepare + "/delegation",
                Map.of("delegate", "clerk2", "note", "长".repeat(2000)));
        assertThat(delegated.getStatusCode().value()).isEqualTo(204);
        assertThat(JsonHttp.post(rest, json, "clerk2", "/api/v1/tasks/" + prepare + "/resolution",
                Map.of("note", "好")).getStatusCode().value()).isEqualTo(204);
        users.run("clerk", () -> inbox.complete(prepare, Map.of()));

        String review = open("review");
        users.run("supervisor", () -> inbox.claim(review));
        var added = JsonHttp.post(rest, json, "supervisor", "/api/v1/tasks/" + review + "/co-approvers",
                Map.of("approver", "lead", "placement", "BEFORE"));
        assertThat(added.getStatusCode().value()).isEqualTo(201);
        String co = JsonHttp.read(json, added).get("taskId").asText();
        var verdict = JsonHttp.post(rest, json, "lead", "/api/v1/tasks/" + co + "/co-approval-verdict",
                Map.of("verdict", "REJECT", "comment", "驳".repeat(2000)));
        assertThat(verdict.getStatusCode().value()).isEqualTo(201);
        assertThatThrownBy(() -> users.run("supervisor", () -> inbox.complete(review,
                Map.of("reviewDecision", "APPROVE")))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("CO_APPROVAL_REJECTED"));
        assertThat(JsonHttp.post(rest, json, "shsupervisor", "/api/v1/tasks/" + review + "/co-approval-override",
                Map.of("reason", "x")).getStatusCode().value()).isEqualTo(404);
        assertThat(JsonHttp.post(rest, json, "supervisor", "/api/v1/tasks/" + review + "/co-approval-override",
                Map.of("reason", "长".repeat(501))).getBody()).contains("\"field\":\"reason\"");
        assertThat(JsonHttp.post(rest, json, "supervisor", "/api/v1/tasks/" + review + "/co-approval-override",
                Map.of("reason", "已当场核实")).getStatusCode().value()).isEqualTo(201);
        users.run("supervisor", () -> inbox.complete(review, Map.of("reviewDecision", "APPROVE")));
        assertThat(open("archive")).isNotNull();
    }
}
