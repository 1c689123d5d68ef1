package cn.healthcard.workflow;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Failed steps (e.g. the card maker was down after all retries) and their retry, for admins. */
@Service
public class IncidentService {

    private final RuntimeService runtime;
    private final ManagementService management;

    IncidentService(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<IncidentView> open() {
        return runtime.createIncidentQuery().orderByIncidentTimestamp().desc().list().stream()
                .map(this::toView).toList();
    }

    /** Gives the failed job one more try, due now (not after the retry cycle's back-off). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void retry(String incidentId) {
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new cn.healthcard.common.NotFoundException("事故不存在或已处理");
        }
        management.setJobRetries(1).jobId(incident.getConfiguration()).dueDate(new java.util.Date()).execute();
    }

    private IncidentView toView(Incident i) {
        var instance = runtime.createProcessInstanceQuery().processInstanceId(i.getProcessInstanceId()).singleResult();
        return new IncidentView(i.getId(), i.getIncidentTimestamp().toInstant(), i.getProcessDefinitionId(),
                instance == null ? null : instance.getBusinessKey(), i.getActivityId(), i.getIncidentMessage());
    }

    public record IncidentView(String id, Instant at, String processDefinitionId, String businessKey,
                               String activityId, String message) {
    }
}
