package cn.healthcard.keys.ui;

import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.ComponentTask;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.TaskRef;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

/**
 * The task forms of process key-ceremony, each a thin adapter onto {@link KeyCeremonyService}: the co-signature,
 * taking a component into custody, presenting it. They show keys and components by label, version and check value;
 * the secrets typed into them go to the service and no further.
 */
@Configuration
class KeyTaskForms {

    @Bean
    TaskFormHandler keyCeremonyCoSignForm(KeyCeremonyService keys) {
        return TaskForm.of("key-ceremony-cosign", task -> {
            CeremonyView c = keys.ceremonyForTask(task.taskId());
            Map<String, Object> v = new HashMap<>();
            v.put("ceremonyId", c.id());
            v.put("operationName", c.operation().nameZh());
            v.put("keySummary", summary(c));
            v.put("initiatedBy", c.initiatedByName() + "（" + c.initiatedBy() + "）");
            v.put("reason", c.reason());
            return v;
        }, (task, values) -> keys.coSign(task.taskId(),
                KeyCeremonyService.coSignature(values.string("decision"), values.string("comment"))))
                .afterSubmit(KeyTaskForms::ceremonyRoute);
    }

    @Bean
    TaskFormHandler keyComponentCustodyForm(KeyCeremonyService keys) {
        return TaskForm.of("key-component-custody", task -> componentValues(keys.componentTask(task.taskId())),
                (task, values) -> keys.takeCustody(task.taskId(), secret(values, "secret"),
                        secret(values, "secretRepeat")))
                .afterSubmit(KeyTaskForms::ceremonyRoute);
    }

    @Bean
    TaskFormHandler keyComponentPresentForm(KeyCeremonyService keys) {
        return TaskForm.of("key-component-present", task -> componentValues(keys.componentTask(task.taskId())),
                (task, values) -> keys.presentComponent(task.taskId(),
                        !"UNAVAILABLE".equals(values.string("availability")), secret(values, "secret")))
                .afterSubmit(KeyTaskForms::ceremonyRoute);
    }

    /** After a step the ceremony's page, where its state shows. */
    private static String ceremonyRoute(TaskRef task) {
        return "keys/ceremonies/" + task.businessKey();
    }

    /** A secret exactly as typed (spaces count; the service checks its length), {@code null} when empty. */
    private static String secret(FormValues values, String key) {
        Object value = values.asMap().get(key);
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    private static Map<String, Object> componentValues(ComponentTask t) {
        Map<String, Object> v = new HashMap<>();
        v.put("ceremonyId", t.ceremonyId());
        v.put("keySummary", t.keyLabel() + " v" + t.keyVersion() + "（校验值 " + t.keyCheckValue() + "）"
                + (t.backupId() == null ? "" : "，备份 " + t.backupId()));
        v.put("componentSummary", "第 " + t.index() + "/" + t.count() + " 号分量，分量校验值 "
                + t.componentCheckValue());
        return v;
    }

    /** The key of a ceremony in lines: label and version, check value, level, purpose, region, custodians. */
    static String summary(CeremonyView c) {
        StringBuilder text = new StringBuilder();
        text.append("密钥：").append(c.keyRef()).append('\n');
        if (c.keyCheckValue() != null) {
            text.append("校验值：").append(c.keyCheckValue()).append('\n');
        }
        if (c.level() != null) {
            text.append("级别：").append(c.level().nameZh()).append('\n');
        }
        if (c.purpose() != null) {
            text.append("用途：").append(c.purpose().nameZh()).append('\n');
        }
        text.append("地区：").append(c.regionName()).append("（").append(c.regionCode()).append("）\n");
        if (c.backupId() != null) {
            text.append("备份：").append(c.backupId()).append('\n');
        }
        if (!c.custodianNames().isEmpty()) {
            text.append("保管人：").append(String.join("、", c.custodianNames())).append('\n');
        }
        return text.toString().trim();
    }
}
