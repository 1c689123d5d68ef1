package cn.healthcard.workflow;

import com.vaadin.flow.component.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Connects a task form (a definition in forms/) to the feature's application service. Feature modules declare one per
 * form key, usually with {@link TaskForm#of}; the task view renders the form, fills it from {@link #load} and hands
 * the typed values (and the button used) to {@link #submit(TaskRef, FormValues)}.
 */
public interface TaskFormHandler {

    /** The form key ({@code camunda:formKey}) this handler serves. */
    String formKey();

    /** Initial values of the form fields for this task. */
    Map<String, Object> load(TaskRef task);

    /** Validates and applies the values, completing the task. Throws DomainValidationException on bad input. */
    void submit(TaskRef task, FormValues values);

    /** Where the task view goes after a successful submit; the inbox unless the feature has a better place. */
    default String afterSubmitRoute(TaskRef task) {
        return "inbox";
    }

    /** Extra read-only content shown beside the form (e.g. the applicant's photo for the reviewer). */
    default Optional<Component> sidePanel(TaskRef task) {
        return Optional.empty();
    }
}
