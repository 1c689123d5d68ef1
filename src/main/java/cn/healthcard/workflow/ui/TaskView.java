package cn.healthcard.workflow.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.CoApprovals;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.SendBack;
import cn.healthcard.workflow.TaskAttachments;
import cn.healthcard.workflow.TaskComments;
import cn.healthcard.workflow.TaskDelegation;
import cn.healthcard.workflow.TaskFormHandler;
import cn.healthcard.workflow.TaskForms;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

/**
 * Opens a task: renders its form from forms/ (by the task's form key) and hands the values to the feature; above it the
 * task operations' toolbar ({@link TaskToolbar}). A co-approval task (加签) has no form: its verdict panel instead.
 */
@Route(value = "tasks/:taskId", layout = MainLayout.class)
@PermitAll
class TaskView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TaskInboxService inbox;
    private final TaskForms forms;
    private final TaskComments comments;
    private final TaskAttachments attachments;
    private final TaskDelegation delegation;
    private final CoApprovals coApprovals;
    private final SendBack sendBack;
    private String title = "";

    TaskView(TaskInboxService inbox, TaskForms forms, TaskComments comments, TaskAttachments attachments,
             TaskDelegation delegation, CoApprovals coApprovals, SendBack sendBack) {
        this.inbox = inbox;
        this.forms = forms;
        this.comments = comments;
        this.attachments = attachments;
        this.delegation = delegation;
        this.coApprovals = coApprovals;
        this.sendBack = sendBack;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String taskId = event.getRouteParameters().get("taskId").orElse("");
        TaskRef task;
        try {
            task = inbox.get(taskId);
        } catch (NotFoundException e) {
            add(new H2(getTranslation("task.notFound")));
            return;
        }
        title = task.name();
        var coApproval = coApprovals.info(taskId);
        Runnable reload = () -> getUI().ifPresent(ui -> ui.navigate("tasks/" + taskId));
        var toolbar = new TaskToolbar(task, comments, attachments, delegation, coApprovals, sendBack,
                coApproval.isPresent(), reload);
        if (coApproval.isPresent()) {
            add(new H2(task.name()), toolbar, new CoApprovalPanel(task, coApprovals));
            return;
        }
        TaskFormHandler handler = forms.handlerFor(task);
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        RenderedForm form = renderer.render(FormDefinition.load(task.formKey()), handler.load(task));
        form.setId("task-form");
        form.addSubmitListener(e -> {
            try {
                handler.submit(task, new FormValues(e.action(), e.values()));
                Notification.show(getTranslation("task.done", task.name()), 4000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate(handler.afterSubmitRoute(task)));
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                Notification.show(ex.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(new H2(task.name()), toolbar);
        var body = new HorizontalLayout(form);
        body.setWidthFull();
        body.setFlexGrow(1, form);
        handler.sidePanel(task).ifPresent(body::add);
        add(body);
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("app.title");
    }
}
