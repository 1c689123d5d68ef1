package cn.healthcard.processadmin;

import cn.healthcard.workflow.ProcessRules;

import java.time.Instant;
import java.util.List;

/** A process change as the review screen and the API show it (without its XML; that is fetched on its own). */
public record ProcessChangeView(String changeId, String changeNo, String processKey, String baseDefinitionId,
                                String kind, String note, ProcessChangeStatus status, List<ModelDiff.Entry> diff,
                                List<ProcessRules.Problem> problems, String submittedBy, Instant submittedAt,
                                String reviewedBy, Instant reviewedAt, String reviewComment, String deploymentId,
                                String definitionId) {
}
