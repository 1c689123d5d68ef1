package cn.healthcard.processadmin;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.processadmin.ProcessAdminEvents.ProcessChangeDeployed;
import cn.healthcard.processadmin.ProcessAdminEvents.ProcessChangeResubmitted;
import cn.healthcard.processadmin.ProcessAdminEvents.ProcessChangeReviewed;
import cn.healthcard.processadmin.ProcessAdminEvents.ProcessChangeSubmitted;
import cn.healthcard.processadmin.ProcessAdminEvents.ProcessChangeWithdrawn;
import cn.healthcard.processadmin.internal.ProcessChangeStore;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.ApprovedChanges;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessDeployments;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.ProcessRules;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.Withdrawal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A change to a BPMN process as a reviewed case (BPM-05, decision 032; {@code processes/process-change.bpmn}): an
 * admin submits a model with a note (checked by {@link ProcessRules}, nothing saved when it fails), with its diff
 * against the base version; a second admin approves (then it is deployed through {@link ProcessDeployments} by that
 * admin), sends it back (revise or withdraw) or rejects it. A roll back is a change whose model is an earlier
 * version's XML.
 */
@Service
public class ProcessChangeService implements ApprovedChanges {

    public static final String PROCESS_KEY = "process-change";
    public static final String REVIEW_TASK = "reviewChange";
    public static final String REVISE_TASK = "reviseChange";
    /** 流程变更编号: BG + date + serial. */
    static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("BG", "process_change_no_seq", 6);
    /** The largest model accepted (UTF-8 bytes). */
    public static final int MAX_XML_BYTES = 2 * 1024 * 1024;
    public static final int MAX_NOTE = 500;
    public static final String KIND_CHANGE = "CHANGE";
    public static final String KIND_ROLLBACK = "ROLLBACK";

    private final ProcessChangeStore store;
    private final ProcessDeployments deployments;
    private final ProcessGateway gateway;
    private final CaseTasks caseTasks;
    private final TaskInboxService inbox;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProcessChangeService(ProcessChangeStore store, ProcessDeployments deployments, ProcessGateway gateway, CaseTasks caseTasks, TaskInboxService inbox, CaseNumbers numbers,
                         ApplicationEventPublisher events, Optional<Clock> clock) {
        this.store = store;
        this.deployments = deployments;
        this.gateway = gateway;
        this.caseTasks = caseTasks;
        this.inbox = inbox;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The problems of a model, empty when it may be submitted (BPM-05). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessRules.Problem> check(String xml) {
        requireXml(xml);
        return deployments.check(xml);
    }

    /**
     * Submits a new version of a process for review. Answers 400 by field for a missing or overlong value, 404 for
     * an unknown base version, 422 ({@link ProcessCheckFailedException}) when the model fails a check (nothing is
     * saved then).
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView submit(String processKey, String baseDefinitionId, String xml, String note) {
        return submit(processKey, baseDefinitionId, xml, note, KIND_CHANGE);
    }

    /**
     * Proposes to make an earlier version the one new cases start from: a change whose model is that version's XML,
     * reviewed like any other (decision 032).
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView proposeRollback(String definitionId, String note) {
        ProcessDeployments.Definition target = deployments.definition(definitionId);
        ProcessDeployments.Definition latest = deployments.latest(target.key());
        if (latest.id().equals(target.id())) {
            throw new DomainValidationException("definitionId", "该版本已是最新版本");
        }
        return submit(target.key(), latest.id(), deployments.xml(target.id()), note, KIND_ROLLBACK);
    }

    private ProcessChangeView submit(String processKey, String baseDefinitionId, String xml, String note,
                                     String kind) {
        var user = SecurityContextUsers.require();
        requireFields(processKey, baseDefinitionId, xml, note);
        ProcessDeployments.Definition base = deployments.definition(baseDefinitionId);
        if (!base.key().equals(processKey)) {
            throw new DomainValidationException("baseDefinitionId", "基准版本不属于流程 " + processKey);
        }
        if (!deployments.latest(processKey).id().equals(base.id())) {
            // a change is taken against the latest version: its diff shows all it undoes (review 15 #7)
            throw new DomainValidationException("baseDefinitionId", "基准版本已不是最新版本，请在最新版本上修改");
        }
        List<ProcessRules.Problem> problems = checkFor(processKey, xml);
        List<ModelDiff.Entry> diff = ModelDiff.diff(deployments.xml(base.id()), xml);
        String id = UUID.randomUUID().toString();
        String changeNo = numbers.next(NUMBER);
        Instant now = clock.instant();
        String region = user.region() == null ? "000000" : user.region().value();
        store.insert(id, changeNo, processKey, baseDefinitionId, kind, note.strip(), xml, diff, problems, region,
                user.username(), now);
        Map<String, Object> variables = new HashMap<>();
        variables.put(TaskInboxService.REGION_CODE, region);
        variables.put(TaskInboxService.APPLICANT_NAME, processKey);
        variables.put("changeId", id);
        variables.put("submittedBy", user.username());
        gateway.start(PROCESS_KEY, changeNo, variables);
        events.publishEvent(new ProcessChangeSubmitted(changeNo, region, processKey, baseDefinitionId, kind,
                ModelDiff.summary(diff)));
        return get(id);
    }

    /**
     * A second admin's review. APPROVE deploys the change at once through {@link ProcessDeployments} (the approving
     * admin as the deployer); the submitter may not review their own change (403).
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView review(String taskId, Review review) {
        TaskRef task = caseTasks.require(taskId, PROCESS_KEY, REVIEW_TASK);
        var row = byNumber(task.businessKey());
        var me = SecurityContextUsers.require().username();
        review.requireSecondPerson(row.view().submittedBy(), me, "提交变更的管理员不能复核自己的变更，须由另一位管理员复核");
        String id = row.view().changeId();
        Instant now = clock.instant();
        if (review.approved()) {
            if (!deployments.latest(row.view().processKey()).id().equals(row.view().baseDefinitionId())) {
                // another change was deployed since: this one would silently overwrite it (lost update)
                throw new cn.healthcard.common.ConflictException("BASE_OUTDATED",
                        "基准版本之后已部署了新版本，请退回提交人在最新版本上重新修改");
            }
            store.approved(id, me, now);
            ProcessDeployments.Definition deployed = deployments.deployApproved(id);
            store.deployed(id, deployed.deploymentId(), deployed.id(), List.of(), now);
            events.publishEvent(new ProcessChangeReviewed(row.view().changeNo(), row.regionCode(),
                    row.view().processKey(), review.outcome().code(), review.reason()));
            events.publishEvent(new ProcessChangeDeployed(row.view().changeNo(), row.regionCode(),
                    row.view().processKey(), row.view().submittedBy(), deployed.deploymentId(), deployed.id(),
                    diffText(row.view().diff())));
        } else {
            store.reviewed(id, review.outcome() == Review.Outcome.REJECT ? ProcessChangeStatus.REJECTED
                    : ProcessChangeStatus.RETURNED, me, review.reason(), now);
            events.publishEvent(new ProcessChangeReviewed(row.view().changeNo(), row.regionCode(),
                    row.view().processKey(), review.outcome().code(), review.reason()));
        }
        inbox.complete(task.taskId(), review.variables());
        return get(id);
    }

    /**
     * The returned change, revised by its submitter only (403 for anyone else): checked again (422), its diff
     * recomputed. So the one who wrote any of its content is always the submitter, whom the review excludes.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView resubmit(String taskId, String xml, String note) {
        TaskRef task = caseTasks.require(taskId, PROCESS_KEY, REVISE_TASK);
        var row = byNumber(task.businessKey());
        var me = SecurityContextUsers.require().username();
        if (!me.equals(row.view().submittedBy())) {
            throw new AccessDeniedException("only the admin who submitted a change revises it");
        }
        requireFields(row.view().processKey(), row.view().baseDefinitionId(), xml, note);
        List<ProcessRules.Problem> problems = checkFor(row.view().processKey(), xml);
        List<ModelDiff.Entry> diff = ModelDiff.diff(deployments.xml(row.view().baseDefinitionId()), xml);
        store.revised(row.view().changeId(), note.strip(), xml, diff, problems, me, clock.instant());
        inbox.complete(task.taskId(), Withdrawal.RESUBMITTED);
        events.publishEvent(new ProcessChangeResubmitted(row.view().changeNo(), row.regionCode(),
                row.view().processKey(), ModelDiff.summary(diff)));
        return get(row.view().changeId());
    }

    /** The returned change, withdrawn. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView withdraw(String taskId, Withdrawal withdrawal) {
        TaskRef task = caseTasks.require(taskId, PROCESS_KEY, REVISE_TASK);
        var row = byNumber(task.businessKey());
        store.status(row.view().changeId(), ProcessChangeStatus.WITHDRAWN, clock.instant());
        events.publishEvent(new ProcessChangeWithdrawn(row.view().changeNo(), row.regionCode(),
                row.view().processKey(), withdrawal.reason()));
        inbox.complete(task.taskId(), withdrawal.variables());
        return get(row.view().changeId());
    }

    /** One change (404 when there is none). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView get(String changeId) {
        return store.find(changeId).orElseThrow(() -> new NotFoundException("没有变更 " + changeId)).view();
    }

    /** The submitted model of a change (404 when there is none). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public String xml(String changeId) {
        return store.find(changeId).orElseThrow(() -> new NotFoundException("没有变更 " + changeId)).xml();
    }

    /** The changes of a process, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessChangeView> ofProcess(String processKey) {
        return store.ofProcess(processKey, 50).stream().map(ProcessChangeStore.Row::view).toList();
    }

    /** The change a task of the process-change case is about (for its task forms). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public ProcessChangeView forTask(String taskId) {
        return byNumber(inbox.get(taskId).businessKey()).view();
    }

    /** The open review task of a change, if it waits for one (for the review screen). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<String> reviewTask(String changeId) {
        try {
            return Optional.of(openTask(changeId, REVIEW_TASK));
        } catch (cn.healthcard.common.ConflictException | NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The open task of a change at a step, for the REST API (404 / 409 {@code NOT_AT_STEP}). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public String openTask(String changeId, String taskKey) {
        var view = get(changeId);
        return caseTasks.requireAt(view.changeNo(), List.of(PROCESS_KEY), taskKey,
                REVIEW_TASK.equals(taskKey) ? "复核流程变更" : "退回修改").taskId();
    }

    /** For {@link ProcessDeployments}: the change if one admin approved it and it is not deployed yet. */
    @Override
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<ApprovedChange> approvedNotDeployed(String changeId) {
        if (changeId == null || !store.approvedNotDeployed(changeId)) {
            return Optional.empty();
        }
        return store.find(changeId).map(r -> new ApprovedChange(changeId, r.view().processKey(), r.xml(),
                r.view().submittedBy(), r.view().reviewedBy()));
    }

    private ProcessChangeStore.Row byNumber(String changeNo) {
        return store.findByNumber(changeNo).orElseThrow(() -> new NotFoundException("没有变更 " + changeNo));
    }

    private List<ProcessRules.Problem> checkFor(String processKey, String xml) {
        List<ProcessRules.Problem> problems = deployments.check(xml, processKey);
        if (!problems.isEmpty()) {
            throw new ProcessCheckFailedException(problems);
        }
        return problems;
    }

    private static void requireXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new DomainValidationException("xml", "请提供流程模型 (BPMN XML)");
        }
        if (xml.getBytes(StandardCharsets.UTF_8).length > MAX_XML_BYTES) {
            throw new DomainValidationException("xml", "流程模型不能超过 2 MiB");
        }
    }

    private static void requireFields(String processKey, String baseDefinitionId, String xml, String note) {
        List<cn.healthcard.common.FieldViolation> violations = new ArrayList<>();
        if (processKey == null || !processKey.matches("[A-Za-z][A-Za-z0-9_-]{0,99}")) {
            violations.add(new cn.healthcard.common.FieldViolation("processKey", "流程标识无效"));
        }
        if (baseDefinitionId == null || baseDefinitionId.isBlank() || baseDefinitionId.length() > 100) {
            violations.add(new cn.healthcard.common.FieldViolation("baseDefinitionId", "请指明基准版本"));
        }
        if (note == null || note.isBlank() || note.length() > MAX_NOTE) {
            violations.add(new cn.healthcard.common.FieldViolation("note", "请填写变更说明 (最多 500 字)"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        requireXml(xml);
    }

    private static String diffText(List<ModelDiff.Entry> diff) {
        StringBuilder s = new StringBuilder(ModelDiff.summary(diff));
        for (ModelDiff.Entry e : diff) {
            if (e.kind() == ModelDiff.Kind.CHANGED) {
                s.append("; ").append(e.elementId()).append(" ").append(String.join(", ", e.changes()));
            }
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s.toString();
    }
}
