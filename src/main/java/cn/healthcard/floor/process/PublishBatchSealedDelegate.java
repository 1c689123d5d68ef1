package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task publishBatchSealed (封箱入库待发运): publishes BatchSealed with the boxes and their cards. */
@Component("publishBatchSealedDelegate")
class PublishBatchSealedDelegate implements JavaDelegate {

    private final FloorService floor;

    PublishBatchSealedDelegate(FloorService floor) {
        this.floor = floor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> floor.publishSealed(execution.getBusinessKey()));
    }
}
