package cn.healthcard.workflow.internal;

import cn.healthcard.common.AuditableEvent;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.workflow.EngineOperationPerformed;
import cn.healthcard.workflow.ProcessDeployed;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Audits what is done to the engine itself (SEC-03, docs/decisions/018), inside the engine command and therefore in
 * its transaction:
 * <ul>
 *     <li>every new deployment, however it came (start-up, {@link cn.healthcard.workflow.ProcessDeployments}, any
 *     other path): {@link ProcessDeployed} with the SM3 of each resource, from a post-deployer;</li>
 *     <li>every entry of the engine's user operation log, which the engine writes for calls made with an
 *     authenticated engine user, i.e. through the engine REST API and Camunda's webapps (variables set, job retries,
 *     suspension, instance modification, ...): {@link EngineOperationPerformed}. The application's own engine calls
 *     run without one (task inbox) or with the log switched off (process start), and are audited by their services.
 *     The deployment's own log entry is left out: {@link ProcessDeployed} says more.</li>
 * </ul>
 * Deployments made while the application context is still starting (the start-up deployment of {@code processes/})
 * are recorded as soon as it has started, as the system.
 */
@Component
class EngineAudit extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final List<AuditableEvent> beforeStart = new ArrayList<>();
    private volatile boolean started;

    EngineAudit(ApplicationEventPublisher publisher, ObjectProvider<PlatformTransactionManager> transactions) {
        this.publisher = publisher;
        this.transactions = transactions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new OperationLogAuditor());
        configuration.setCustomHistoryEventHandlers(handlers);
        List<Deployer> deployers = configuration.getCustomPostDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(this::deployed);
        configuration.setCustomPostDeployers(deployers);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        HistoryLevel level = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel();
        if (level == null || !level.isHistoryEventProduced(HistoryEventTypes.USER_OPERATION_LOG, null)) {
            throw new IllegalStateException("engine operations are audited from the user operation log; history level "
                    + (level == null ? "(none)" : level.getName()) + " does not produce it");
        }
    }

    @EventListener
    void on(ContextRefreshedEvent refreshed) {
        List<AuditableEvent> pending;
        synchronized (beforeStart) {
            started = true;
            pending = List.copyOf(beforeStart);
            beforeStart.clear();
        }
        if (!pending.isEmpty()) {
            SecurityContextUsers.runAsSystem(() -> new TransactionTemplate(transactions.getObject())
                    .executeWithoutResult(status -> pending.forEach(publisher::publishEvent)));
        }
    }

    void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // read back from the database into the cache, not deployed now
        }
        Map<String, String> resources = new TreeMap<>();
        if (deployment.getResources() != null) {
            deployment.getResources().forEach((name, resource) -> resources.put(name, sm3(resource.getBytes())));
        }
        publish(new ProcessDeployed(deployment.getId(), deployment.getName(), deployment.getSource(), resources));
    }

    private void publish(AuditableEvent event) {
        if (!started) {
            synchronized (beforeStart) {
                if (!started) {
                    beforeStart.add(event);
                    return;
                }
            }
        }
        publisher.publishEvent(event);
    }

    static String sm3(byte[] bytes) {
        var digest = new SM3Digest();
        byte[] out = new byte[digest.getDigestSize()];
        digest.update(bytes == null ? new byte[0] : bytes, 0, bytes == null ? 0 : bytes.length);
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    @Override
    public String toString() {
        return "EngineAudit";
    }

    /** User operation log entries → {@link EngineOperationPerformed}. */
    final class OperationLogAuditor implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof UserOperationLogEntryEventEntity entry && !isDeploymentCreate(entry)) {
                publish(new EngineOperationPerformed(entry.getOperationId(), entry.getOperationType(),
                        entry.getEntityType(), entry.getProperty(), entry.getProcessInstanceId(),
                        businessKey(entry.getProcessInstanceId()), target(entry)));
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }

        private boolean isDeploymentCreate(UserOperationLogEntryEventEntity entry) {
            return UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(entry.getOperationType())
                    && "Deployment".equals(entry.getEntityType());
        }

        private String target(UserOperationLogEntryEventEntity e) {
            return Stream.of(
                            e.getProcessDefinitionKey() == null ? null : "processDefinitionKey=" + e.getProcessDefinitionKey(),
                            e.getTaskId() == null ? null : "taskId=" + e.getTaskId(),
                            e.getJobId() == null ? null : "jobId=" + e.getJobId(),
                            e.getDeploymentId() == null ? null : "deploymentId=" + e.getDeploymentId(),
                            e.getBatchId() == null ? null : "batchId=" + e.getBatchId(),
                            "userId=" + e.getUserId())
                    .filter(java.util.Objects::nonNull).collect(Collectors.joining(" "));
        }

        private String businessKey(String processInstanceId) {
            var command = Context.getCommandContext();
            if (command == null || processInstanceId == null) {
                return null;
            }
            ExecutionEntity instance = command.getExecutionManager().findExecutionById(processInstanceId);
            return instance == null ? null : instance.getBusinessKey();
        }
    }
}
