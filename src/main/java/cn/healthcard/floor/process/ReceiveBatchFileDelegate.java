package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task receiveBatchFile (接收数据文件, PER-02): received, or refused with its reason on the batch. */
@Component("receiveBatchFileDelegate")
class ReceiveBatchFileDelegate implements JavaDelegate {

    private final FloorService floor;

    ReceiveBatchFileDelegate(FloorService floor) {
        this.floor = floor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var refusal = SecurityContextUsers.runAsSystem(() -> floor.receive(execution.getBusinessKey()));
        execution.setVariable("receiptOk", refusal.isEmpty());
        execution.setVariable("refusal", refusal.orElse(null));
    }
}
