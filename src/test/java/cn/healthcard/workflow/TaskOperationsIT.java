package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.support.IntegrationTest;
import cn.healthcard.support.TestUsers;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task operations (issue #15, BPM-02, decision 034) on a small case process ({@value #PROCESS}: 受理 by CLERK,
 * 审核 by SUPERVISOR with {@code sendBackAllowed}, 归档 by CLERK without it) in Chaoyang (110105).
 */
@IntegrationTest
class TaskOperationsIT {

    static final String PROCESS = "taskops-sample";
    static final byte[] PDF = "%PDF-1.4\n% test\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestUsers users;
    @Autowired TaskInboxService inbox;
    @Autowired TaskComments comments;
    @Autowired TaskAttachments attachments;
    @Autowired TaskDelegation delegation;
    @Autowired CoApprovals coApprovals;
    @Autowired SendBack sendBack;
    @Autowired CaseTimeline timeline;

    String caseNo;
    String pi;

    /** The sample process, deployed once: three user steps, send-back allowed from the review only. */
    static BpmnModelInstance model() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("任务操作样例").camundaHistoryTimeToLive(1)
                .startEvent("start")
                .userTask("prepare").name("受理").camundaCandidateGroups("CLERK").camundaFormKey("card-application-revise")
                .userTask("review").name("审核").camundaCandidateGroups("SUPERVISOR").camundaFormKey("review-application")
                .userTask("archive").name("归档").camundaCandidateGroups("CLERK").camundaFormKey("card-pickup")
                .endEvent("done")
                .done();
        UserTask review = model.getModelElementById("review");
        ExtensionElements ext = review.getExtensionElements() != null ? review.getExtensionElements()
                : model.newInstance(ExtensionElements.class);
        CamundaProperties props = model.newInstance(CamundaProperties.class);
        CamundaProperty flag = model.newInstance(CamundaProperty.class);
        flag.setCamundaName(SendBack.FLAG);
        flag.setCamundaValue("true");
        props.getCamundaProperties().add(flag);
        ext.addChildElement(props);
        review.setExtensionElements(ext);
        return model;
    }

    @BeforeEach
    void start() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            repository.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model()).deploy();
        }
        caseNo = "TO" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        pi = runtime.startProcessInstanceByKey(PROCESS, caseNo, Map.of("regionCode", "110105",
                "applicantName", "欧**岚")).getId();
    }

    String open(String key) {
        return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId();
    }

    List<String> audit(String type) {
        return jdbc.queryForList("select detail from audit_event where case_ref = ? and event_type = ?", String.class,
                caseNo, type);
    }

    List<String> kinds() {
        return users.as("clerk", () -> timeline.of(caseNo)).entries().stream().map(TimelineEntry::kind).toList();
    }

    @Test
    @DisplayName("BPM-02 SEC-03 comments on a task and on the case: in the case timeline, audited without their text; over 2000 characters 400 on text; a replayed request adds nothing, its request id reused for another task or text 409 REQUEST_ID_REUSED; another region's clerk and a supervisor (not her group's task) get 404")
    void comments() {
        String prepare = open("prepare");
        CaseNote first = users.as("clerk", () -> comments.commentOnTask(prepare, "证件复印件已核对", "req-" + caseNo));
        CaseNote replay = users.as("clerk", () -> comments.commentOnTask(prepare, "证件复印件已核对", "req-" + caseNo));
        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(replay.replayed()).isTrue();
        for (Runnable reused : List.<Runnable>of(
                () -> comments.commentOnTask(prepare, "另一条意见", "req-" + caseNo),
                () -> comments.commentOnCase(caseNo, "证件复印件已核对", "req-" + caseNo))) {
            assertThatThrownBy(() -> users.run("clerk", reused)).as("request id reused for another comment")
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo("REQUEST_ID_REUSED"));
        }
        users.run("clerk2", () -> comments.commentOnCase(caseNo, "申请人来电询问进度", null));

        var entries = users.as("clerk", () -> timeline.of(caseNo)).entries();
        assertThat(entries).filteredOn(e -> e.kind().equals("COMMENT")).extracting(TimelineEntry::text)
                .containsExactly("证件复印件已核对", "申请人来电询问进度");
        assertThat(audit(TaskOperationPerformed.COMMENTED)).hasSize(1).allMatch(d -> !d.contains("证件"));
        assertThat(audit(TaskOperationPerformed.CASE_COMMENTED)).hasSize(1);

        assertThatThrownBy(() -> users.run("clerk", () -> comments.commentOnTask(prepare, "长".repeat(2001), null)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("text"));
        assertThatThrownBy(() -> users.run("clerk", () -> comments.commentOnTask(prepare, "  ", null)))
                .isInstanceOf(DomainValidationException.class);
        assertThatThrownBy(() -> users.run("shclerk", () -> comments.commentOnTask(prepare, "看看", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("shclerk", () -> comments.commentOnCase(caseNo, "看看", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("shclerk", () -> timeline.of(caseNo)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("supervisor", () -> comments.commentOnTask(prepare, "看看", null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 attachments: a PDF and a PNG detected by content are stored with the case and listed in its timeline; a file whose content is not PDF/PNG/JPEG, a PNG declared as PDF, an empty or oversize file are refused (400 on file); a download is audited; another region's clerk gets 404")
    void attachments() {
        String prepare = open("prepare");
        CaseAttachment pdf = users.as("clerk", () -> attachments.attach(prepare, "签名.pdf", "application/pdf", PDF,
                null));
        assertThat(pdf.contentType()).isEqualTo(FileTypes.PDF);
        CaseAttachment png = users.as("clerk", () -> attachments.attach(prepare, "scan.png", null, PNG, "r1-" + caseNo));
        assertThat(png.contentType()).isEqualTo(FileTypes.PNG);
        assertThat(users.as("clerk", () -> attachments.attach(prepare, "scan.png", null, PNG, "r1-" + caseNo)).id())
                .as("replayed upload").isEqualTo(png.id());
        assertThatThrownBy(() -> users.run("clerk", () -> attachments.attach(prepare, "other.pdf", null, PDF,
                "r1-" + caseNo))).as("request id reused for another file")
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("REQUEST_ID_REUSED"));

        for (Runnable bad : List.<Runnable>of(
                () -> attachments.attach(prepare, "evil.pdf", "application/pdf",
                        "<html><script>".getBytes(StandardCharsets.UTF_8), null),
                () -> attachments.attach(prepare, "fake.pdf", "application/pdf", PNG, null),
                () -> attachments.attach(prepare, "empty.pdf", null, new byte[0], null),
                () -> attachments.attach(prepare, "big.pdf", null, oversize(), null))) {
            assertThatThrownBy(() -> users.run("clerk", bad)).isInstanceOfSatisfying(DomainValidationException.class,
                    e -> assertThat(e.violations().get(0).field()).isEqualTo("file"));
        }
        assertThatThrownBy(() -> users.run("shclerk", () -> attachments.attach(prepare, "a.pdf", null, PDF, null)))
                .isInstanceOf(NotFoundException.class);

        AttachmentContent read = users.as("clerk2", () -> attachments.read(caseNo, pdf.id()));
        assertThat(read.content()).isEqualTo(PDF);
        assertThatThrownBy(() -> users.run("shclerk", () -> attachments.read(caseNo, pdf.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(audit(TaskOperationPerformed.ATTACHMENT_ADDED)).hasSize(2);
        assertThat(audit(TaskOperationPerformed.ATTACHMENT_READ)).hasSize(1);
        assertThat(kinds()).filteredOn("ATTACHMENT"::equals).hasSize(2);
    }

    static byte[] oversize() {
        byte[] b = Arrays.copyOf(PDF, TaskAttachments.MAX_BYTES + 1);
        return b;
    }

    @Test
    @DisplayName("BPM-02 SEC-03 delegation: the clerk delegates her task (with a note of 2000 characters) to a colleague of the same group and institution, who resolves it; it returns to her and she completes it; delegating to another region's clerk or to a supervisor (not the group) is refused 409 DELEGATE_NOT_COLLEAGUE, a task one does not hold 409 NOT_ASSIGNEE, completing while delegated 409 DELEGATION_PENDING")
    void delegation() {
        String prepare = open("prepare");
        assertThatThrownBy(() -> users.run("clerk", () -> delegation.delegate(prepare, "clerk2", null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_ASSIGNEE"));
        users.run("clerk", () -> inbox.claim(prepare));
        for (String outsider : List.of("shclerk", "supervisor", "clerk", "nobody")) {
            assertThatThrownBy(() -> users.run("clerk", () -> delegation.delegate(prepare, outsider, null)))
                    .as(outsider).isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo("DELEGATE_NOT_COLLEAGUE"));
        }
        users.run("clerk", () -> delegation.delegate(prepare, "clerk2", "长".repeat(TaskComments.MAX_TEXT)));
        var task = tasks.createTaskQuery().taskId(prepare).singleResult();
        assertThat(task.getAssignee()).isEqualTo("clerk2");
        assertThat(task.getOwner()).isEqualTo("clerk");
        assertThatThrownBy(() -> users.run("clerk2", () -> inbox.complete(prepare, Map.of())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("DELEGATION_PENDING"));
        assertThatThrownBy(() -> users.run("clerk2", () -> delegation.delegate(prepare, "clerk", null)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.run("clerk", () -> delegation.resolve(prepare, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_DELEGATED_TO_YOU"));

        users.run("clerk2", () -> delegation.resolve(prepare, "地址已核对"));
        assertThat(tasks.createTaskQuery().taskId(prepare).singleResult().getAssignee()).isEqualTo("clerk");
        assertThatThrownBy(() -> users.run("clerk2", () -> delegation.resolve(prepare, null)))
                .as("replayed resolve").isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_DELEGATED_TO_YOU"));
        users.run("clerk", () -> inbox.complete(prepare, Map.of()));
        assertThat(open("review")).isNotNull();
        assertThat(audit(TaskOperationPerformed.DELEGATED)).singleElement().asString().contains("delegate=clerk2");
        assertThat(audit(TaskOperationPerformed.RESOLVED)).hasSize(1);
        assertThat(kinds()).filteredOn("DELEGATION"::equals).hasSize(2);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 add an approver (加签) before: the review cannot be completed (409 CO_APPROVAL_OPEN) nor sent back until the co-approver, who finds the task in her inbox, has decided; the verdict is on the case; a clerk, another region's supervisor or oneself are refused 409 CO_APPROVER_NOT_ELIGIBLE, the same co-approver twice (also replayed after her verdict) 409 CO_APPROVER_EXISTS; another region's supervisor cannot read the co-approvals (404)")
    void coApprovalBefore() {
        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        String review = open("review");
        users.run("supervisor", () -> inbox.claim(review));
        for (String wrong : List.of("clerk", "shsupervisor", "supervisor")) {
            assertThatThrownBy(() -> users.run("supervisor", () -> coApprovals.add(review, wrong,
                    CoApprovals.Placement.BEFORE))).as(wrong).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo("CO_APPROVER_NOT_ELIGIBLE"));
        }
        var co = users.as("supervisor", () -> coApprovals.add(review, "lead", CoApprovals.Placement.BEFORE));
        assertThatThrownBy(() -> users.run("shsupervisor", () -> coApprovals.of(review)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("shsupervisor", () -> coApprovals.info(co.taskId())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review, "prepare", "退回")))
                .as("send back with an open co-approval").isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("CO_APPROVAL_OPEN"));
        assertThatThrownBy(() -> users.run("supervisor", () -> coApprovals.add(review, "lead",
                CoApprovals.Placement.BEFORE))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("CO_APPROVER_EXISTS"));
        assertThatThrownBy(() -> users.run("supervisor", () -> inbox.complete(review, Map.of())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("CO_APPROVAL_OPEN"));

        var mine = new TaskFilter(TaskFilter.Scope.MINE, null, null, null, null, null);
        assertThat(users.as("lead", () -> inbox.find(mine, 0, 500))).extracting(TaskRef::taskId)
                .contains(co.taskId());
        assertThatThrownBy(() -> users.run("shsupervisor", () -> coApprovals.decide(co.taskId(),
                CoApprovals.Verdict.APPROVE, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.run("lead", () -> coApprovals.decide(co.taskId(),
                CoApprovals.Verdict.REJECT, null))).isInstanceOf(DomainValidationException.class);
        users.run("lead", () -> coApprovals.decide(co.taskId(), CoApprovals.Verdict.APPROVE, "材料齐全"));
        assertThat(users.as("lead", () -> inbox.find(mine, 0, 500))).extracting(TaskRef::taskId)
                .doesNotContain(co.taskId());
        assertThatThrownBy(() -> users.run("supervisor", () -> coApprovals.add(review, "lead",
                CoApprovals.Placement.BEFORE))).as("replayed add after the verdict")
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("CO_APPROVER_EXISTS"));

        users.run("supervisor", () -> inbox.complete(review, Map.of("reviewDecision", "APPROVE")));
        assertThat(open("archive")).isNotNull();
        var entries = users.as("lead", () -> timeline.of(caseNo)).entries();
        assertThat(entries).filteredOn(e -> e.kind().equals("CO_APPROVAL")).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("同意").contains("材料齐全"));
        assertThat(entries).extracting(TimelineEntry::kind).contains("DECISION");
        assertThat(audit(TaskOperationPerformed.CO_APPROVER_ADDED)).hasSize(1);
        assertThat(audit(TaskOperationPerformed.CO_APPROVAL_DECIDED)).singleElement().asString()
                .contains("verdict=APPROVE");
    }

    @Test
    @DisplayName("BPM-02 add an approver (加签) after: the co-approver's task opens when the holder completes the review, and her verdict is recorded on the case")
    void coApprovalAfter() {
        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        String review = open("review");
        users.run("supervisor", () -> inbox.claim(review));
        users.run("supervisor", () -> coApprovals.add(review, "lead", CoApprovals.Placement.AFTER));
        var mine = new TaskFilter(TaskFilter.Scope.MINE, null, null, null, null, null);
        int before = users.as("lead", () -> inbox.find(mine, 0, 500)).size();
        users.run("supervisor", () -> inbox.complete(review, Map.of("reviewDecision", "APPROVE")));
        var leadTasks = users.as("lead", () -> inbox.find(mine, 0, 500));
        assertThat(leadTasks).hasSize(before + 1);
        String co = leadTasks.stream().filter(t -> caseNo.equals(t.businessKey())).findFirst().orElseThrow().taskId();
        assertThat(users.as("lead", () -> coApprovals.info(co))).get()
                .satisfies(c -> assertThat(c.placement()).isEqualTo(CoApprovals.Placement.AFTER));
        users.run("lead", () -> coApprovals.decide(co, CoApprovals.Verdict.REJECT, "照片不合格"));
        assertThat(kinds()).contains("CO_APPROVAL");
    }

    @Test
    @DisplayName("BPM-02 SEC-03 send back from the review (sendBackAllowed) to the earlier 受理 step with a reason, by process instance modification; from 归档 (no flag) 409 SEND_BACK_NOT_ALLOWED; to a step not yet done 409 NOT_AN_EARLIER_STEP; no reason 400; another region's supervisor 404; a replay finds the task gone (404)")
    void sendBack() {
        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        String review = open("review");
        assertThat(users.as("supervisor", () -> sendBack.targets(review))).extracting(SendBack.Target::activityId)
                .containsExactly("prepare");
        users.run("supervisor", () -> inbox.claim(review));
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review, "archive", "不对")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_AN_EARLIER_STEP"));
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review, "prepare", " ")))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("reason"));
        assertThatThrownBy(() -> users.run("shsupervisor", () -> sendBack.sendBack(review, "prepare", "退回")))
                .isInstanceOf(NotFoundException.class);

        users.run("supervisor", () -> sendBack.sendBack(review, "prepare", "身份证复印件不清晰"));
        assertThat(tasks.createTaskQuery().processInstanceId(pi).list()).singleElement()
                .satisfies(t -> assertThat(t.getTaskDefinitionKey()).isEqualTo("prepare"));
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review, "prepare", "退回")))
                .as("replay").isInstanceOf(NotFoundException.class);
        assertThat(users.as("clerk", () -> inbox.find(TaskFilter.all(), 0, 500))).extracting(TaskRef::taskId)
                .contains(open("prepare"));
        assertThat(users.as("clerk", () -> timeline.of(caseNo)).entries())
                .filteredOn(e -> e.kind().equals("SEND_BACK")).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("受理").contains("身份证复印件不清晰"));
        assertThat(audit(TaskOperationPerformed.SENT_BACK)).singleElement().asString().contains("-> prepare");

        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        users.run("supervisor", () -> inbox.complete(open("review"), Map.of("reviewDecision", "APPROVE")));
        String archive = open("archive");
        users.run("clerk", () -> inbox.claim(archive));
        assertThatThrownBy(() -> users.run("clerk", () -> sendBack.sendBack(archive, "prepare", "退回")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("SEND_BACK_NOT_ALLOWED"));
        assertThat(users.as("clerk", () -> sendBack.targets(archive))).isEmpty();
    }

    @Test
    @DisplayName("BPM-02 a co-approver's REJECT (2000 characters) placed before binds the holder: approving needs an override reason first (409 CO_APPROVAL_REJECTED without; over 500 characters 400 on overrideReason; only the holder), recorded on the case and audited")
    void rejectionBeforeBindsTheHolder() {
        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        String review = open("review");
        users.run("supervisor", () -> inbox.claim(review));
        var co = users.as("supervisor", () -> coApprovals.add(review, "lead", CoApprovals.Placement.BEFORE));
        users.as("lead", () -> coApprovals.decide(co.taskId(), CoApprovals.Verdict.REJECT,
                "驳".repeat(TaskComments.MAX_TEXT)));
        assertThatThrownBy(() -> users.run("supervisor", () -> inbox.complete(review,
                Map.of("reviewDecision", "APPROVE")))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("CO_APPROVAL_REJECTED"));
        assertThat(open("review")).isEqualTo(review);
        assertThat(users.as("supervisor", () -> coApprovals.rejection(review))).contains("lead");
        assertThatThrownBy(() -> users.run("supervisor", () -> coApprovals.override(review, "长".repeat(501))))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("overrideReason"));
        assertThatThrownBy(() -> users.run("lead", () -> coApprovals.override(review, "我来改判")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_ASSIGNEE"));
        users.run("supervisor", () -> coApprovals.override(review, "照片已当场重拍"));
        assertThat(users.as("supervisor", () -> coApprovals.rejection(review))).isEmpty();
        users.run("supervisor", () -> inbox.complete(review, Map.of("reviewDecision", "APPROVE")));
        assertThat(open("archive")).isNotNull();
        assertThat(users.as("clerk", () -> timeline.of(caseNo)).entries())
                .filteredOn(e -> e.kind().equals("CO_APPROVAL")).extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("照片已当场重拍").contains("lead"));
        assertThat(audit(TaskOperationPerformed.CO_APPROVAL_OVERRIDDEN)).singleElement().asString()
                .contains("rejectedBy=lead");
    }

    @Test
    @DisplayName("BPM-02 SEC-03 co-approval (加签) only on a review step: the clerk holding 受理 cannot pull a key administrator or a supervisor into the case (409 CO_APPROVAL_NOT_ALLOWED)")
    void coApprovalOnlyOnReview() {
        String prepare = open("prepare");
        users.run("clerk", () -> inbox.claim(prepare));
        for (String approver : List.of("keyadmin", "supervisor")) {
            assertThatThrownBy(() -> users.run("clerk", () -> coApprovals.add(prepare, approver,
                    CoApprovals.Placement.BEFORE))).as(approver).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo("CO_APPROVAL_NOT_ALLOWED"));
        }
    }

    @Test
    @DisplayName("BPM-02 SEC-03 send back needs the task held by the caller: unclaimed 409 NOT_ASSIGNEE; the delegate of a delegated review cannot send the owner's task back (409 DELEGATION_PENDING)")
    void sendBackByTheHolderOnly() {
        users.run("clerk", () -> inbox.complete(open("prepare"), Map.of()));
        String review = open("review");
        assertThatThrownBy(() -> users.run("supervisor", () -> sendBack.sendBack(review, "prepare", "退回")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_ASSIGNEE"));
        users.run("supervisor", () -> inbox.claim(review));
        users.run("supervisor", () -> delegation.delegate(review, "lead", null));
        assertThatThrownBy(() -> users.run("lead", () -> sendBack.sendBack(review, "prepare", "退回")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("DELEGATION_PENDING"));
        assertThat(open("review")).isEqualTo(review);
    }

    @Test
    @DisplayName("BPM-02 SEC-03 the case timeline is capped at its latest 500 entries (truncated) and each read is audited (CaseTimelineRead)")
    void timelineCappedAndAudited() {
        String prepare = open("prepare");
        for (int i = 0; i < CaseTimeline.MAX_ENTRIES + 5; i++) {
            jdbc.update("insert into case_note (id, case_ref, process_instance_id, region_code, task_id, task_name,"
                    + " kind, author, body, request_id, created_at) values (?, ?, ?, '110105', ?, '受理', 'COMMENT',"
                    + " 'clerk', ?, ?, ?)", UUID.randomUUID().toString(), caseNo, pi, prepare, "第" + i + "条",
                    UUID.randomUUID().toString(), java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(i)));
        }
        var read = users.as("clerk", () -> timeline.of(caseNo));
        assertThat(read.truncated()).isTrue();
        assertThat(read.entries()).hasSize(CaseTimeline.MAX_ENTRIES);
        assertThat(read.entries().get(read.entries().size() - 1).text())
                .isEqualTo("第" + (CaseTimeline.MAX_ENTRIES + 4) + "条");
        assertThat(audit(TaskOperationPerformed.TIMELINE_READ)).singleElement().asString().contains("truncated");
    }
}
