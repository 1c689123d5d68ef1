package cn.healthcard.workflow.ui;

import cn.healthcard.shell.BoundedUpload;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.workflow.CoApprovals;
import cn.healthcard.workflow.SendBack;
import cn.healthcard.workflow.TaskAttachments;
import cn.healthcard.workflow.TaskComments;
import cn.healthcard.workflow.TaskDelegation;
import cn.healthcard.workflow.TaskRef;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadMetadata;

import java.util.List;

/**
 * The task form's toolbar (BPM-02, docs/decisions/034): comment, attach a file, delegate (or hand back a task delegated
 * to one), add an approver (加签), send back where the process allows it, and the case's timeline. Each button calls
 * the same service as the API; a refusal is shown with the service's message.
 */
class TaskToolbar extends HorizontalLayout {

    private final TaskRef task;
    private final Runnable reload;

    TaskToolbar(TaskRef task, TaskComments comments, TaskAttachments attachments, TaskDelegation delegation,
                CoApprovals coApprovals, SendBack sendBack, boolean coApprovalTask, Runnable reload) {
        this.task = task;
        this.reload = reload;
        setId("task-toolbar");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(button("task-comment", "taskops.comment", () -> commentDialog(comments)));
        add(button("task-attach", "taskops.attach", () -> attachDialog(attachments)));
        if (!coApprovalTask) {
            if (delegation.delegatedToMe(task.taskId())) {
                add(button("task-resolve", "taskops.resolve", () -> resolveDialog(delegation)));
            } else {
                add(button("task-delegate", "taskops.delegate", () -> delegateDialog(delegation)));
            }
            if (coApprovals.allowed(task.taskId())) {
                add(button("task-co-approver", "taskops.coApprover", () -> coApproverDialog(coApprovals)));
            }
            coApprovals.rejection(task.taskId()).ifPresent(by -> add(button("task-override", "taskops.override",
                    () -> overrideDialog(coApprovals, by))));
            List<SendBack.Target> targets = sendBack.targets(task.taskId());
            if (!targets.isEmpty()) {
                add(button("task-send-back", "taskops.sendBack", () -> sendBackDialog(sendBack, targets)));
            }
            var pending = coApprovals.of(task.taskId());
            if (!pending.isEmpty()) {
                var note = new Span(getTranslation("taskops.coApprover.pending", String.join("、",
                        pending.stream().map(c -> c.approver() + "（" + getTranslation("taskops.placement."
                                + c.placement().name()) + "）").toList())));
                note.setId("task-co-approvals");
                add(note);
            }
        }
        if (task.businessKey() != null) {
            var timeline = new Button(getTranslation("taskops.timeline"),
                    e -> getUI().ifPresent(ui -> ui.navigate("cases/" + task.businessKey())));
            timeline.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            timeline.setId("task-timeline");
            add(timeline);
        }
    }

    private Button button(String id, String key, Runnable open) {
        var b = new Button(getTranslation(key), e -> open.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        b.setId(id);
        return b;
    }

    private Dialog dialog(String titleKey, String id) {
        var d = new Dialog();
        d.setHeaderTitle(getTranslation(titleKey));
        d.setId(id);
        d.setWidth("32em");
        d.getFooter().add(new Button(getTranslation("taskops.cancel"), e -> d.close()));
        return d;
    }

    private void save(Dialog d, String id, Runnable action, String okKey, boolean reloadAfter) {
        var save = new Button(getTranslation("taskops.save"), e -> {
            if (ScreenNotices.attempt(action)) {
                ScreenNotices.ok(getTranslation(okKey));
                d.close();
                if (reloadAfter) {
                    reload.run();
                }
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId(id);
        d.getFooter().add(save);
    }

    private void overrideDialog(CoApprovals coApprovals, String rejectedBy) {
        var d = dialog("taskops.override", "override-dialog");
        d.add(new Span(getTranslation("taskops.override.rejectedBy", rejectedBy)));
        var reason = new TextArea(getTranslation("taskops.override.reason"));
        reason.setMaxLength(500);
        reason.setWidthFull();
        reason.setId("override-reason");
        d.add(reason);
        save(d, "override-save", () -> coApprovals.override(task.taskId(), reason.getValue()),
                "taskops.override.saved", true);
        d.open();
    }

    private void commentDialog(TaskComments comments) {
        var d = dialog("taskops.comment", "comment-dialog");
        var text = new TextArea(getTranslation("taskops.comment.text"));
        text.setMaxLength(TaskComments.MAX_TEXT);
        text.setWidthFull();
        text.setId("comment-text");
        d.add(text);
        save(d, "comment-save", () -> comments.commentOnTask(task.taskId(), text.getValue(), null),
                "taskops.comment.saved", false);
        d.open();
    }

    private void attachDialog(TaskAttachments attachments) {
        var d = dialog("taskops.attach", "attach-dialog");
        d.add(new Span(getTranslation("taskops.attach.hint")));
        var upload = new Upload(new BoundedUpload(TaskAttachments.MAX_BYTES, new BoundedUpload.Receiver() {
            @Override
            public void received(UploadMetadata file, byte[] data) {
                if (ScreenNotices.attempt(() -> attachments.attach(task.taskId(), file.fileName(),
                        file.contentType(), data, null))) {
                    ScreenNotices.ok(getTranslation("taskops.attach.saved", file.fileName()));
                    d.close();
                }
            }

            @Override
            public void tooLarge(UploadMetadata file) {
                ScreenNotices.error(getTranslation("taskops.attach.tooLarge", file.fileName()));
            }
        }));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(TaskAttachments.MAX_BYTES); // the browser's hint; BoundedUpload holds the limit
        upload.setAcceptedFileTypes("application/pdf", "image/png", "image/jpeg", ".pdf", ".png", ".jpg", ".jpeg");
        var wrapper = new Div(upload);
        wrapper.setId("attach-upload");
        d.add(wrapper);
        d.open();
    }

    private void delegateDialog(TaskDelegation delegation) {
        var d = dialog("taskops.delegate", "delegate-dialog");
        var to = new TextField(getTranslation("taskops.delegate.to"));
        to.setHelperText(getTranslation("taskops.delegate.hint"));
        to.setId("delegate-to");
        var note = new TextArea(getTranslation("taskops.note"));
        note.setMaxLength(TaskComments.MAX_TEXT);
        note.setWidthFull();
        d.add(new VerticalLayout(to, note));
        save(d, "delegate-save", () -> delegation.delegate(task.taskId(), to.getValue(), note.getValue()),
                "taskops.delegate.saved", true);
        d.open();
    }

    private void resolveDialog(TaskDelegation delegation) {
        var d = dialog("taskops.resolve", "resolve-dialog");
        var note = new TextArea(getTranslation("taskops.note"));
        note.setMaxLength(TaskComments.MAX_TEXT);
        note.setWidthFull();
        d.add(note);
        save(d, "resolve-save", () -> delegation.resolve(task.taskId(), note.getValue()), "taskops.resolve.saved",
                false);
        d.open();
    }

    private void coApproverDialog(CoApprovals coApprovals) {
        var d = dialog("taskops.coApprover", "co-approver-dialog");
        var who = new TextField(getTranslation("taskops.coApprover.who"));
        who.setHelperText(getTranslation("taskops.coApprover.hint"));
        who.setId("co-approver-who");
        var placement = new RadioButtonGroup<CoApprovals.Placement>(getTranslation("taskops.coApprover.placement"));
        placement.setItems(CoApprovals.Placement.values());
        placement.setItemLabelGenerator(p -> getTranslation("taskops.placement." + p.name()));
        placement.setValue(CoApprovals.Placement.BEFORE);
        d.add(new VerticalLayout(who, placement));
        save(d, "co-approver-save", () -> coApprovals.add(task.taskId(), who.getValue(), placement.getValue()),
                "taskops.coApprover.saved", true);
        d.open();
    }

    private void sendBackDialog(SendBack sendBack, List<SendBack.Target> targets) {
        var d = dialog("taskops.sendBack", "send-back-dialog");
        var target = new Select<SendBack.Target>();
        target.setLabel(getTranslation("taskops.sendBack.target"));
        target.setItems(targets);
        target.setItemLabelGenerator(SendBack.Target::name);
        target.setValue(targets.get(targets.size() - 1));
        var reason = new TextArea(getTranslation("taskops.sendBack.reason"));
        reason.setMaxLength(SendBack.MAX_REASON);
        reason.setWidthFull();
        reason.setId("send-back-reason");
        d.add(new VerticalLayout(target, reason));
        var save = new Button(getTranslation("taskops.sendBack"), e -> {
            if (ScreenNotices.attempt(() -> sendBack.sendBack(task.taskId(),
                    target.getValue() == null ? null : target.getValue().activityId(), reason.getValue()))) {
                ScreenNotices.ok(getTranslation("taskops.sendBack.saved"));
                d.close();
                getUI().ifPresent(ui -> ui.navigate("inbox"));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        save.setId("send-back-save");
        d.getFooter().add(save);
        d.open();
    }
}
