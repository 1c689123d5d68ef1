package cn.healthcard.logistics.process;

import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.security.SecurityContextUsers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task receiveShipment (签收入库: what arrived goes into stock at the receiver, warehouse-in booked). */
@Component("receiveShipmentDelegate")
class ReceiveShipmentDelegate implements JavaDelegate {

    private final ShipmentService shipments;

    ReceiveShipmentDelegate(ShipmentService shipments) {
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SecurityContextUsers.runAsSystem(() -> shipments.receive(execution.getBusinessKey()));
    }
}
