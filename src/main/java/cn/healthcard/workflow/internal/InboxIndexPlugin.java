package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link InboxIndex} in step with the engine: every user task of every deployed process gets a built-in task
 * listener (built-in, so it also runs when an instance is cancelled with {@code skipCustomListeners}) that writes the
 * task's entry on "create" and removes it on "complete" and "delete", in the engine command's transaction. When the
 * engine has started, and before its job executor runs, the index is reconciled with the open tasks once.
 */
@Component
class InboxIndexPlugin extends AbstractProcessEnginePlugin {

    private final InboxIndex index;

    InboxIndexPlugin(InboxIndex index) {
        this.index = index;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new UserTasks(index));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ManagementService management = engine.getManagementService();
        index.reconcile(management.getTableName(TaskEntity.class), management.getTableName(ExecutionEntity.class),
                management.getTableName(VariableInstanceEntity.class),
                management.getTableName(ProcessDefinitionEntity.class));
    }

    @Override
    public String toString() {
        return "InboxIndexPlugin";
    }

    /** Adds the index's task listeners to every user task as it is parsed (deployment, or deployment cache load). */
    private static final class UserTasks extends AbstractBpmnParseListener {

        private final TaskListener created;
        private final TaskListener removed;

        UserTasks(InboxIndex index) {
            this.created = index::created;
            this.removed = index::removed;
        }

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                var definition = behavior.getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, removed);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, removed);
            }
        }
    }
}
