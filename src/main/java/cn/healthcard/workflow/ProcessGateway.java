package cn.healthcard.workflow;

import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starting processes and delivering messages to them. With {@link TaskInboxService} this is the application's only
 * door into the process engine, so a later move from Camunda 7 to its fork stays inside this module.
 */
@Service
public class ProcessGateway {

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final ProcessEngineConfigurationImpl configuration;

    ProcessGateway(RuntimeService runtime, RepositoryService repository, IdentityService identity,
                   ProcessEngine engine) {
        this.runtime = runtime;
        this.repository = repository;
        this.identity = identity;
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /**
     * Starts the latest version of a process; the current user becomes its initiator. Returns the instance id.
     * The calling domain service has checked the user's role and audits the start; the engine's own authorization
     * check and user operation log (which apply because the user is the engine's authenticated user here, for the
     * initiator) are for the engine's HTTP entrances and are switched off for this call (docs/decisions/018).
     */
    public String start(String processKey, String businessKey, Map<String, Object> variables) {
        return startAsCaller(() -> runtime.startProcessInstanceByKey(processKey, businessKey, variables));
    }

    /**
     * Starts the latest version of a process at its message start event {@code messageName} (a process whose other
     * start is a timer, e.g. {@code monthly-report}: the engine allows no none start beside a timer start), like
     * {@link #start}. Returns the instance id.
     */
    public String startByMessage(String messageName, String businessKey, Map<String, Object> variables) {
        return startAsCaller(() -> runtime.startProcessInstanceByMessage(messageName, businessKey, variables));
    }

    /**
     * Runs {@code start} as the signed-in user (the engine's authenticated user, for the initiator and the history),
     * in one command without the engine's authorization checks and operation log: the caller's rights were checked by
     * the application service. Returns the started instance's id.
     */
    private String startAsCaller(Supplier<ProcessInstance> start) {
        var user = SecurityContextUsers.current();
        user.ifPresent(u -> identity.setAuthentication(u.username(), u.groupIds()));
        try {
            return configuration.getCommandExecutorTxRequired().execute(command -> {
                command.disableAuthorizationCheck();
                command.disableUserOperationLog();
                try {
                    return start.get().getId();
                } finally {
                    command.enableUserOperationLog();
                    command.enableAuthorizationCheck();
                }
            });
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Delivers a message to the one process instance with this business key that waits for it.
     *
     * @return false when no instance waits for the message (yet)
     */
    public boolean correlate(String messageName, String businessKey, Map<String, Object> variables) {
        var waiting = runtime.createExecutionQuery().messageEventSubscriptionName(messageName)
                .processInstanceBusinessKey(businessKey).count();
        if (waiting == 0) {
            return false;
        }
        runtime.createMessageCorrelation(messageName).processInstanceBusinessKey(businessKey)
                .setVariables(variables).correlate();
        return true;
    }

    /** Whether a running process instance is in the activity {@code activityId} now (false once it has ended). */
    public boolean isAt(String processInstanceId, String activityId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
                && runtime.getActiveActivityIds(processInstanceId).contains(activityId);
    }

    /** Sets a variable of a running process instance (a value a message could not carry, e.g. a replacement card). */
    public void setVariable(String processInstanceId, String name, Object value) {
        runtime.setVariable(processInstanceId, name, value);
    }

    /**
     * Names of the steps a process instance is in now (user tasks, message waits, jobs waiting or failing),
     * empty once it has ended.
     */
    public List<String> currentSteps(String processInstanceId) {
        var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return List.of();
        }
        var model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        return runtime.getActiveActivityIds(processInstanceId).stream()
                .map(id -> model.getModelElementById(id) instanceof FlowElement e && e.getName() != null
                        ? e.getName() : id)
                .distinct()
                .toList();
    }

    /** Whether a process instance has an open incident (e.g. the card maker failed after all retries). */
    public boolean hasIncident(String processInstanceId) {
        return runtime.createIncidentQuery().processInstanceId(processInstanceId).count() > 0;
    }
}
