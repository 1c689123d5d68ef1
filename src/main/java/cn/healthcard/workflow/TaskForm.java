package cn.healthcard.workflow;

import com.vaadin.flow.component.Component;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A task form handler in one expression, for a feature's {@code @Configuration}:
 * <pre>{@code
 * @Bean
 * TaskFormHandler cardPickupForm(CardApplicationService applications) {
 *     return TaskForm.of("card-pickup", task -> Map.of(...),
 *             (task, values) -> applications.registerPickup(task.taskId(), ...values.flag("identityVerified")...));
 * }
 * }</pre>
 *
 * @param formKey    the form key this handler serves
 * @param loader     initial values of the form for a task
 * @param submitter  applies the typed values (calls the application service, which completes the task)
 * @param afterRoute where the task view goes after a successful submit
 * @param side       extra read-only content beside the form
 */
public record TaskForm(String formKey, Function<TaskRef, Map<String, Object>> loader,
                       BiConsumer<TaskRef, FormValues> submitter, Function<TaskRef, String> afterRoute,
                       Function<TaskRef, Optional<Component>> side) implements TaskFormHandler {

    public static TaskForm of(String formKey, Function<TaskRef, Map<String, Object>> loader,
                              BiConsumer<TaskRef, FormValues> submitter) {
        return new TaskForm(formKey, loader, submitter, task -> "inbox", task -> Optional.empty());
    }

    /** The same form, going to this route after a successful submit. */
    public TaskForm afterSubmit(Function<TaskRef, String> route) {
        return new TaskForm(formKey, loader, submitter, route, side);
    }

    /** The same form, with this content beside it. */
    public TaskForm withSidePanel(Function<TaskRef, Optional<Component>> panel) {
        return new TaskForm(formKey, loader, submitter, afterRoute, panel);
    }

    @Override
    public Map<String, Object> load(TaskRef task) {
        return loader.apply(task);
    }

    @Override
    public void submit(TaskRef task, FormValues values) {
        submitter.accept(task, values);
    }

    @Override
    public String afterSubmitRoute(TaskRef task) {
        return afterRoute.apply(task);
    }

    @Override
    public Optional<Component> sidePanel(TaskRef task) {
        return side.apply(task);
    }
}
