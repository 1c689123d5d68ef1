package cn.healthcard.workflow;

import cn.healthcard.common.AuditableEvent;

import java.util.List;

/**
 * An admin moved running instances from one version of a process to another ({@link ProcessMigrations}, BPM-05,
 * decision 032): the migration batch, both versions and the instances (ids only).
 */
public record ProcessInstancesMigrated(String batchId, String sourceDefinitionId, String targetDefinitionId,
                                       List<String> processInstanceIds) implements AuditableEvent {

    public ProcessInstancesMigrated {
        processInstanceIds = List.copyOf(processInstanceIds);
    }

    @Override
    public String subjectType() {
        return "ProcessDefinition";
    }

    @Override
    public String subjectId() {
        return targetDefinitionId;
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        String ids = String.join(",", processInstanceIds);
        return processInstanceIds.size() + " 个实例从 " + sourceDefinitionId + " 迁移到 " + targetDefinitionId + "（批次 "
                + batchId + "）: " + (ids.length() > 1500 ? ids.substring(0, 1500) + "…" : ids);
    }
}
