package cn.healthcard.workflow;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The form handlers of all features, by form key. */
@Component
public class TaskForms {

    private final Map<String, TaskFormHandler> handlers;

    TaskForms(List<TaskFormHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toMap(TaskFormHandler::formKey, Function.identity()));
    }

    /** The handler for a task's form key. */
    public TaskFormHandler handlerFor(TaskRef task) {
        TaskFormHandler handler = handlers.get(task.formKey());
        if (handler == null) {
            throw new IllegalStateException("no form handler for form key " + task.formKey());
        }
        return handler;
    }

    /** Whether a form key has a handler (checked against the BPMN files by the architecture tests). */
    public boolean handles(String formKey) {
        return handlers.containsKey(formKey);
    }
}
