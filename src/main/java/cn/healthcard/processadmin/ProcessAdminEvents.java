package cn.healthcard.processadmin;

import cn.healthcard.common.AuditableEvent;

/** Audited steps of process administration (BPM-05, decision 032). */
public final class ProcessAdminEvents {

    private ProcessAdminEvents() {
    }

    /** A step of a process change: subject and case reference are its number. */
    public interface ProcessChangeEvent extends AuditableEvent {
        String changeNo();

        @Override
        default String subjectType() {
            return "ProcessChange";
        }

        @Override
        default String subjectId() {
            return changeNo();
        }

        @Override
        default String caseRef() {
            return changeNo();
        }
    }

    public record ProcessChangeSubmitted(String changeNo, String regionCode, String processKey, String baseDefinitionId,
                                         String kind, String diffSummary) implements ProcessChangeEvent {
        public String detail() {
            return processKey + " " + kind + " 基于 " + baseDefinitionId + "：" + diffSummary;
        }
    }

    public record ProcessChangeResubmitted(String changeNo, String regionCode, String processKey, String diffSummary)
            implements ProcessChangeEvent {
        public String detail() {
            return processKey + " 修改后重新提交：" + diffSummary;
        }
    }

    public record ProcessChangeReviewed(String changeNo, String regionCode, String processKey, String decision,
                                        String comment) implements ProcessChangeEvent {
        public String detail() {
            return processKey + " " + decision + (comment == null ? "" : "：" + comment);
        }
    }

    /** Who deployed what: the approving admin, the process, the new definition, and the diff. */
    public record ProcessChangeDeployed(String changeNo, String regionCode, String processKey, String submittedBy,
                                        String deploymentId, String definitionId, String diff)
            implements ProcessChangeEvent {
        public String detail() {
            return processKey + " 部署为 " + definitionId + "（部署 " + deploymentId + "，提交人 " + submittedBy
                    + "）差异：" + diff;
        }
    }

    public record ProcessChangeWithdrawn(String changeNo, String regionCode, String processKey, String reason)
            implements ProcessChangeEvent {
        public String detail() {
            return processKey + " 撤回：" + reason;
        }
    }

    /** Running instances moved from one version to another (Camunda migration batch). */
    public record ProcessInstancesMigrated(String batchId, String regionCode, String sourceDefinitionId,
                                           String targetDefinitionId, int instances) implements AuditableEvent {
        public String subjectType() {
            return "ProcessDefinition";
        }

        public String subjectId() {
            return targetDefinitionId;
        }

        public String detail() {
            return instances + " 个实例从 " + sourceDefinitionId + " 迁移到 " + targetDefinitionId + "（批次 " + batchId
                    + "）";
        }
    }
}
