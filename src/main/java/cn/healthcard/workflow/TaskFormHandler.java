package cn.healthcard.workflow;

import java.util.Map;

/**
 * Connects a task form (a definition in forms/) to the feature's application service. Feature modules implement one
 * per form key; the task view renders the form, fills it from {@link #load} and hands the values to {@link #submit}.
 */
public interface TaskFormHandler {

    /** The form key ({@code camunda:formKey}) this handler serves. */
    String formKey();

    /** Initial values of the form fields for this task. */
    Map<String, Object> load(TaskRef task);

    /** Validates and applies the values, completing the task. Throws DomainValidationException on bad input. */
    void submit(TaskRef task, Map<String, Object> values);

    /** Where the task view goes after a successful submit; the inbox unless the feature has a better place. */
    default String afterSubmitRoute(TaskRef task) {
        return "inbox";
    }

    /** Extra read-only content shown beside the form (e.g. the applicant's photo for the reviewer). */
    default java.util.Optional<com.vaadin.flow.component.Component> sidePanel(TaskRef task) {
        return java.util.Optional.empty();
    }
}
