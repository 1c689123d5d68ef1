package cn.healthcard.logistics.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.logistics.CountData;
import cn.healthcard.logistics.DispatchData;
import cn.healthcard.logistics.ResolutionData;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The task forms of the shipment receipt, thin adapters onto {@link ShipmentService}. */
@Configuration
class ShipmentTaskForms {

    @Bean
    TaskFormHandler shipmentDispatchForm(ShipmentService shipments) {
        return TaskForm.of("shipment-dispatch", task -> header(shipments.forTask(task.taskId())),
                (task, values) -> shipments.dispatch(task.taskId(), new DispatchData(values.string("waybillNo"),
                        values.string("carrier"), values.date("expectedDate"))));
    }

    @Bean
    TaskFormHandler shipmentDeliveryForm(ShipmentService shipments) {
        return TaskForm.of("shipment-delivery", task -> {
            ShipmentView s = shipments.forTask(task.taskId());
            Map<String, Object> v = header(s);
            v.put("logistics", s.waybillNo() + " / " + s.carrier() + " / " + s.expectedDate());
            return v;
        }, (task, values) -> shipments.deliver(task.taskId()));
    }

    @Bean
    TaskFormHandler shipmentCountForm(ShipmentService shipments) {
        return TaskForm.of("shipment-count", task -> {
            ShipmentView s = shipments.forTask(task.taskId());
            Map<String, Object> v = header(s);
            v.put("cardCount", String.valueOf(s.cardCount()));
            v.put("receivedCount", s.cardCount());
            v.put("sealsIntact", true);
            return v;
        }, (task, values) -> shipments.count(task.taskId(), new CountData(
                number(values, "receivedCount", "实点数量"),
                values.flag("sealsIntact"), boxes(values.string("damagedBoxes")),
                boxes(values.string("missingBoxes")), values.string("note"))));
    }

    @Bean
    TaskFormHandler shipmentDiscrepancyForm(ShipmentService shipments) {
        return TaskForm.of("shipment-discrepancy", task -> {
            ShipmentView s = shipments.forTask(task.taskId());
            Map<String, Object> v = header(s);
            v.put("countResult", "应到 " + s.cardCount() + " 张，实点 " + s.receivedCount() + " 张\n"
                    + s.boxes().stream().filter(b -> b.status() != cn.healthcard.logistics.BoxStatus.RECEIVED)
                    .map(b -> b.boxNo() + "：" + b.status().nameZh()).collect(Collectors.joining("\n"))
                    + (s.countNote() == null ? "" : "\n说明：" + s.countNote()));
            v.put("recount", s.receivedCount());
            return v;
        }, (task, values) -> shipments.resolve(task.taskId(), new ResolutionData(
                number(values, "recount", "复点数量"),
                values.flag("replacementCards"), values.string("investigation"))));
    }

    static Map<String, Object> header(ShipmentView s) {
        Map<String, Object> v = new HashMap<>();
        v.put("shipmentNo", s.shipmentNo());
        v.put("route", s.senderName() + " → " + s.receiverName());
        v.put("contents", (s.batchNo() == null ? "" : "批次 " + s.batchNo() + "，") + s.cardCount() + " 张\n"
                + s.boxes().stream().map(b -> "箱 " + b.boxNo() + "，封签 " + b.sealNo() + "，" + b.firstCard()
                + " - " + b.lastCard() + "，" + b.cardCount() + " 张").collect(Collectors.joining("\n")));
        return v;
    }

    static int number(FormValues values, String key, String label) {
        String raw = values.required(key);
        try {
            return new BigDecimal(raw.trim()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new DomainValidationException(key, "「" + label + "」请填写整数");
        }
    }

    static List<String> boxes(String raw) {
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(raw.split("[,，\\s]+")).map(String::strip).filter(b -> !b.isEmpty()).distinct()
                .toList();
    }
}
