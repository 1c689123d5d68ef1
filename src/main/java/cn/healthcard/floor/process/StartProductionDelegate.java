package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN task startProduction (个人化生产): the batch goes to the personalisation line; the case waits for its answer
 * unless the line has answered already within this step ({@code productionRecorded}).
 */
@Component("startProductionDelegate")
class StartProductionDelegate implements JavaDelegate {

    private final FloorService floor;

    StartProductionDelegate(FloorService floor) {
        this.floor = floor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean recorded = SecurityContextUsers.runAsSystem(() -> floor.startProduction(execution.getBusinessKey()));
        execution.setVariable("productionRecorded", recorded);
    }
}
