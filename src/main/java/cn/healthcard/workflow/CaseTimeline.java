package cn.healthcard.workflow;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A case's timeline (BPM-02, docs/decisions/034): its user tasks (opened, done by whom), its review decisions, and what
 * people added while working it — comments, co-approval verdicts, send-back reasons, delegation notes, attachments —
 * in time order. For readers of the case only ({@link CaseAccess}); 404 otherwise. At most the latest
 * {@value #MAX_ENTRIES} entries ({@code truncated} says when more exist: commenting in a loop cannot make a page
 * unbounded). Each read is audited ({@code CaseTimelineRead}): the comments shown may hold personal data.
 */
@Service
public class CaseTimeline {

    /** The process variable a review sets (see {@link Review}). */
    static final String DECISION = "reviewDecision";

    /** The timeline and the case it is of. */
    public record Timeline(String caseNumber, String processKey, String regionCode, List<TimelineEntry> entries,
                           boolean truncated) {
    }

    public static final int MAX_ENTRIES = 500;

    private final CaseAccess access;
    private final CaseFile file;
    private final HistoryService history;
    private final ApplicationEventPublisher events;

    CaseTimeline(CaseAccess access, CaseFile file, HistoryService history, ApplicationEventPublisher events) {
        this.access = access;
        this.file = file;
        this.history = history;
        this.events = events;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public Timeline of(String caseNumber) {
        CaseAccess.Case c = access.readable(caseNumber);
        List<TimelineEntry> entries = new ArrayList<>();
        for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery()
                .processInstanceId(c.processInstanceId()).list()) {
            entries.add(new TimelineEntry(t.getStartTime().toInstant(), "TASK_CREATED", t.getName(), null, null,
                    null));
            if (t.getEndTime() != null) {
                boolean done = "completed".equals(t.getDeleteReason());
                entries.add(new TimelineEntry(t.getEndTime().toInstant(), done ? "TASK_COMPLETED" : "TASK_CANCELLED",
                        t.getName(), done ? t.getAssignee() : null, null, null));
            }
        }
        for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(c.processInstanceId())
                .variableUpdates().list()) {
            if (d instanceof HistoricVariableUpdate u && DECISION.equals(u.getVariableName())
                    && u.getValue() != null) {
                entries.add(new TimelineEntry(u.getTime().toInstant(), "DECISION", u.getValue().toString(),
                        null, null, null));
            }
        }
        for (CaseNote n : file.notes(c.processInstanceId(), MAX_ENTRIES + 1)) {
            entries.add(new TimelineEntry(n.created(), n.kind(), n.taskName(), n.author(), n.body(), null));
        }
        for (CaseAttachment a : file.attachments(c.processInstanceId(), MAX_ENTRIES + 1)) {
            entries.add(new TimelineEntry(a.uploaded(), "ATTACHMENT", a.fileName(), a.uploadedBy(),
                    a.contentType() + ", " + a.sizeBytes() + " B", a.id()));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at));
        boolean truncated = entries.size() > MAX_ENTRIES;
        List<TimelineEntry> shown = truncated ? entries.subList(entries.size() - MAX_ENTRIES, entries.size()) : entries;
        events.publishEvent(new TaskOperationPerformed(TaskOperationPerformed.TIMELINE_READ, c.processInstanceId(),
                c.businessKey(), c.regionCode(), shown.size() + " entries" + (truncated ? ", truncated" : "")));
        return new Timeline(c.businessKey(), c.processKey(), c.regionCode(), List.copyOf(shown), truncated);
    }
}
