package cn.healthcard.workflow;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Set;

/**
 * The task guard every case service uses before acting on a user task. One answer per mistake, the same in every
 * case (see docs/architecture.md, "How a new case is built"):
 * <ul>
 *   <li>the task does not exist, is done, or is not visible to the caller (outside the region, neither assigned to
 *       them nor offered to their groups) → 404 {@link NotFoundException} — a task one may not see does not exist for
 *       one;</li>
 *   <li>the task exists and is visible, but belongs to another process or is another step of the process (e.g. the
 *       review task's id sent to the pick-up operation) → 409 {@link ConflictException} with code
 *       {@value #WRONG_TASK}.</li>
 * </ul>
 * Completing the task is {@link TaskInboxService#complete}, which answers 409 {@code TASK_TAKEN} when someone else
 * holds it.
 */
@Service
public class CaseTasks {

    public static final String WRONG_TASK = "WRONG_TASK";

    private final TaskInboxService inbox;
    private final TaskService tasks;

    CaseTasks(TaskInboxService inbox, TaskService tasks) {
        this.inbox = inbox;
        this.tasks = tasks;
    }

    /**
     * The task, if it is the step {@code taskKey} of the process {@code processKey}.
     *
     * @throws NotFoundException (404) if the task does not exist or the caller may not see it
     * @throws ConflictException (409, {@value #WRONG_TASK}) if it is a task of another process or another step
     */
    public TaskRef require(String taskId, String processKey, String taskKey) {
        return require(taskId, Set.of(processKey), taskKey);
    }

    /** As {@link #require(String, String, String)}, for a step that several processes share (e.g. the lifecycle review). */
    public TaskRef require(String taskId, Collection<String> processKeys, String taskKey) {
        TaskRef task = inbox.get(taskId);
        if (!processKeys.contains(task.processDefinitionKey()) || !taskKey.equals(task.taskDefinitionKey())) {
            throw new ConflictException(WRONG_TASK, "任务「" + task.name() + "」不是此操作的任务");
        }
        return task;
    }

    /**
     * The open task {@code taskKey} of the case with this business key (case number), for operations addressed by case
     * rather than by task (the REST API). Guarded like {@link #require}.
     *
     * @throws ConflictException (409, {@code NOT_AT_STEP}) if the case is not waiting at that step
     */
    public TaskRef requireAt(String businessKey, Collection<String> processKeys, String taskKey, String stepName) {
        var open = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .active().list();
        if (open.isEmpty()) {
            throw new ConflictException("NOT_AT_STEP", "业务 " + businessKey + " 当前不在「" + stepName + "」环节");
        }
        return require(open.get(0).getId(), processKeys, taskKey);
    }
}
