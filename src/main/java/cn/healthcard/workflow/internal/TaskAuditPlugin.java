package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@link TaskHistoryAuditor} to the engine's custom history event handlers (the Spring Boot starter applies every
 * {@code ProcessEnginePlugin} bean). The engine's own database handler stays on: custom handlers run next to it, in
 * the engine command and its transaction. The starter's Spring event bridge ({@code camunda.bpm.eventing.history})
 * is the same mechanism, but it can be switched off by configuration; the audit log must not be.
 *
 * <p>Refuses to start an engine whose history level does not produce task and identity-link events (level
 * {@code full}): without them tasks would silently go unaudited (SEC-03).
 */
@Component
class TaskAuditPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher publisher;

    TaskAuditPlugin(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers =
                configuration.getCustomHistoryEventHandlers() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new TaskHistoryAuditor(publisher));
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        // resolved by now, also for history level "auto"
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        HistoryLevel level = configuration.getHistoryLevel();
        boolean auditable = level != null
                && level.isHistoryEventProduced(HistoryEventTypes.TASK_INSTANCE_CREATE, null)
                && level.isHistoryEventProduced(HistoryEventTypes.TASK_INSTANCE_COMPLETE, null)
                && level.isHistoryEventProduced(HistoryEventTypes.IDENTITY_LINK_ADD, null)
                && level.isHistoryEventProduced(HistoryEventTypes.IDENTITY_LINK_DELETE, null);
        if (!auditable) {
            throw new IllegalStateException("user tasks are audited from the engine's task and identity-link history;"
                    + " history level " + (level == null ? "(none)" : level.getName())
                    + " does not produce it: set camunda.bpm.history-level=full");
        }
    }

    @Override
    public String toString() {
        return "TaskAuditPlugin";
    }
}
