package cn.healthcard.workflow;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Migration of running instances to another version (BPM-05, Camunda CE migration API, decision 032): the plan maps
 * equal activity ids ({@code mapEqualActivities}); activities of the old version without a counterpart are shown;
 * an instance waiting in one of them cannot be migrated and is listed so. The admin runs it for all or selected
 * instances as a batch ({@code executeAsync}), watches its progress, sees failures per job, or leaves the instances on
 * the old version. Audited ({@link ProcessInstancesMigrated}). The 「流程设计」 screens ({@code processadmin}) use it.
 */
@Service
public class ProcessMigrations {

    /** At most this many instances are listed and migrated in one batch. */
    public static final int MAX_INSTANCES = 10_000;

    /** A mapping of one activity of the old version to the new. */
    public record Mapping(String sourceActivityId, String targetActivityId) {
    }

    /** One running instance of the old version: where it waits, and whether the plan can move it. */
    public record Instance(String processInstanceId, String businessKey, List<String> activities,
                           boolean migratable) {
    }

    /** The proposed plan. */
    public record Plan(String sourceDefinitionId, String targetDefinitionId, List<Mapping> mapped,
                       List<String> unmapped, List<Instance> instances) {
    }

    /** A migration batch's progress; {@code failures} are the failed jobs' messages (they name the instance). */
    public record Progress(String batchId, long total, long completed, long failed, long remaining, boolean done,
                           List<String> failures) {
    }

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;
    private final ApplicationEventPublisher events;

    ProcessMigrations(RuntimeService runtime, RepositoryService repository, ManagementService management,
                            HistoryService history, ApplicationEventPublisher events) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.history = history;
        this.events = events;
    }

    /** The plan from one version to another of the same process (400 for another process, 404 unknown). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Plan plan(String sourceDefinitionId, String targetDefinitionId) {
        ProcessDefinition source = definition(sourceDefinitionId);
        ProcessDefinition target = definition(targetDefinitionId);
        if (!source.getKey().equals(target.getKey()) || source.getId().equals(target.getId())) {
            throw new DomainValidationException("targetDefinitionId", "目标应为同一流程的另一个版本");
        }
        MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
        List<Mapping> mapped = new ArrayList<>();
        Set<String> mappedIds = new TreeSet<>();
        for (MigrationInstruction i : plan.getInstructions()) {
            mapped.add(new Mapping(i.getSourceActivityId(), i.getTargetActivityId()));
            mappedIds.add(i.getSourceActivityId());
        }
        // the old version's activities and events that the new version does not have (an instance waiting in one of
        // them cannot move); activities present in both but not mapped are not wait states (nothing waits there)
        Set<String> inTarget = new TreeSet<>();
        repository.getBpmnModelInstance(target.getId()).getModelElementsByType(FlowNode.class)
                .forEach(n -> inTarget.add(n.getId()));
        BpmnModelInstance model = repository.getBpmnModelInstance(source.getId());
        Set<String> unmapped = new TreeSet<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if ((node instanceof Activity || node instanceof Event) && !mappedIds.contains(node.getId())
                    && !inTarget.contains(node.getId())) {
                unmapped.add(node.getId());
            }
        }
        List<Instance> instances = new ArrayList<>();
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                .listPage(0, MAX_INSTANCES)) {
            Set<String> at = new LinkedHashSet<>();
            ActivityInstance tree = runtime.getActivityInstance(pi.getId());
            if (tree != null) {
                leaves(tree, at);
            }
            instances.add(new Instance(pi.getId(), pi.getBusinessKey(), List.copyOf(at),
                    at.stream().allMatch(mappedIds::contains)));
        }
        return new Plan(source.getId(), target.getId(), mapped, List.copyOf(unmapped), instances);
    }

    /**
     * Migrates the given running instances of the old version (all migratable ones when {@code instanceIds} is
     * empty) as a batch; returns its id. 400 when none is to be migrated or an id is not an instance of the old
     * version.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public String migrate(String sourceDefinitionId, String targetDefinitionId, Collection<String> instanceIds) {
        Plan proposed = plan(sourceDefinitionId, targetDefinitionId);
        // one admin moves instances only forward, to the version a second admin approved as the latest: never back
        // to an older (or rolled-back) version, which would take them round a step added since (decision 032)
        ProcessDefinition source = definition(sourceDefinitionId);
        ProcessDefinition target = definition(targetDefinitionId);
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(target.getKey())
                .latestVersion().singleResult();
        if (!target.getId().equals(latest.getId()) || source.getVersion() >= target.getVersion()) {
            throw new cn.healthcard.common.ConflictException("NOT_LATEST", "targetDefinitionId",
                    "只能把运行实例从旧版本迁移到该流程的最新版本");
        }
        Set<String> running = new TreeSet<>(proposed.instances().stream().map(Instance::processInstanceId).toList());
        List<String> chosen = instanceIds == null || instanceIds.isEmpty()
                ? proposed.instances().stream().filter(Instance::migratable).map(Instance::processInstanceId).toList()
                : List.copyOf(new LinkedHashSet<>(instanceIds));
        if (chosen.isEmpty()) {
            throw new DomainValidationException("instanceIds", "没有可迁移的运行实例");
        }
        if (chosen.size() > MAX_INSTANCES || !running.containsAll(chosen)) {
            throw new DomainValidationException("instanceIds", "只能迁移该版本的运行实例");
        }
        MigrationPlan plan = runtime.createMigrationPlan(proposed.sourceDefinitionId(), proposed.targetDefinitionId())
                .mapEqualActivities().build();
        Batch batch = runtime.newMigration(plan).processInstanceIds(chosen).executeAsync();
        events.publishEvent(new ProcessInstancesMigrated(batch.getId(), proposed.sourceDefinitionId(),
                proposed.targetDefinitionId(), chosen));
        return batch.getId();
    }

    /** The progress of a migration batch (404 for an unknown batch). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Progress progress(String batchId) {
        BatchStatistics stats = batchId == null ? null
                : management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        if (stats != null) {
            List<String> failures = new ArrayList<>();
            for (Job job : management.createJobQuery().jobDefinitionId(stats.getBatchJobDefinitionId())
                    .withException().list()) {
                failures.add(job.getExceptionMessage());
            }
            long completed = stats.getCompletedJobs();
            return new Progress(batchId, stats.getTotalJobs(), completed, stats.getFailedJobs(),
                    stats.getRemainingJobs(), false, failures);
        }
        HistoricBatch done = batchId == null ? null
                : history.createHistoricBatchQuery().batchId(batchId).singleResult();
        if (done == null) {
            throw new NotFoundException("没有迁移批次 " + batchId);
        }
        return new Progress(batchId, done.getTotalJobs(), done.getTotalJobs(), 0, 0, done.getEndTime() != null,
                List.of());
    }

    /** The activities an instance waits in (the leaves of its activity instance tree, and transitions). */
    private static void leaves(ActivityInstance instance, Set<String> at) {
        for (TransitionInstance t : instance.getChildTransitionInstances()) {
            at.add(t.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            at.add(child.getActivityId());
            leaves(child, at);
        }
    }

    private ProcessDefinition definition(String definitionId) {
        ProcessDefinition d = definitionId == null || definitionId.length() > 100 ? null
                : repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
        if (d == null) {
            throw new NotFoundException("没有流程版本 " + definitionId);
        }
        return d;
    }
}
