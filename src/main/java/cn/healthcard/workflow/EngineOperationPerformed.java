package cn.healthcard.workflow;

import cn.healthcard.common.AuditableEvent;

/**
 * Someone changed the process engine's state directly, not through a domain service: an entry of the engine's user
 * operation log (written for calls with an authenticated engine user, i.e. the engine REST API and Camunda's webapps),
 * e.g. a variable set, a job's retries, an instance suspended or modified (SEC-03, docs/decisions/018).
 * The actor is the signed-in user, taken by the audit recorder from the security context.
 *
 * @param operationId       the engine's operation id (entries of one operation share it)
 * @param operationType     e.g. {@code SetVariable}, {@code SetJobRetries}, {@code ModifyProcessInstance}
 * @param entityType        e.g. {@code Variable}, {@code Job}, {@code ProcessInstance}
 * @param property          the changed property's name, null if none (never its value: it may be personal data)
 * @param processInstanceId the instance concerned, null if none
 * @param caseRef           the instance's business key (the case), null if none
 * @param target            further ids (job, task, deployment, process definition key), for the detail
 */
public record EngineOperationPerformed(String operationId, String operationType, String entityType, String property,
                                       String processInstanceId, String caseRef, String target)
        implements AuditableEvent {

    @Override
    public String eventType() {
        return "EngineOperationPerformed";
    }

    @Override
    public String subjectType() {
        return "ProcessEngine";
    }

    @Override
    public String subjectId() {
        return processInstanceId != null ? processInstanceId : operationId;
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        StringBuilder s = new StringBuilder(operationType).append(' ').append(entityType);
        if (property != null) {
            s.append(" property=").append(property);
        }
        if (target != null && !target.isBlank()) {
            s.append(' ').append(target);
        }
        return s.length() <= 500 ? s.toString() : s.substring(0, 500);
    }
}
