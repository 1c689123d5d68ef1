package cn.healthcard.keys.process;

import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN task executeKeyCeremony (执行密钥操作): runs the co-signed generation, update, backup or recovery; sets
 * {@code outcome} (SUCCEEDED or FAILED) for the gateway after it.
 */
@Component("executeKeyCeremonyDelegate")
class ExecuteKeyCeremonyDelegate implements JavaDelegate {

    private final KeyCeremonyService keys;

    ExecuteKeyCeremonyDelegate(KeyCeremonyService keys) {
        this.keys = keys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = SecurityContextUsers.runAsSystem(() -> keys.execute(execution.getBusinessKey()));
        execution.setVariable("outcome", outcome);
    }
}
