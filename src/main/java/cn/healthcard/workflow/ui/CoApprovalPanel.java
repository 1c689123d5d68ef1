package cn.healthcard.workflow.ui;

import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.workflow.CoApprovals;
import cn.healthcard.workflow.TaskComments;
import cn.healthcard.workflow.TaskRef;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;

/** A co-approver's verdict on their co-approval task (加签, docs/decisions/034): agree or not, with a comment. */
class CoApprovalPanel extends VerticalLayout {

    CoApprovalPanel(TaskRef task, CoApprovals coApprovals) {
        setId("co-approval-panel");
        setPadding(false);
        var verdict = new RadioButtonGroup<CoApprovals.Verdict>(getTranslation("taskops.verdict"));
        verdict.setItems(CoApprovals.Verdict.values());
        verdict.setItemLabelGenerator(v -> getTranslation("taskops.verdict." + v.name()));
        verdict.setId("co-approval-verdict");
        var comment = new TextArea(getTranslation("taskops.verdict.comment"));
        comment.setMaxLength(TaskComments.MAX_TEXT);
        comment.setWidth("32em");
        comment.setId("co-approval-comment");
        var submit = new Button(getTranslation("taskops.verdict.submit"), e -> {
            if (ScreenNotices.attempt(() -> coApprovals.decide(task.taskId(), verdict.getValue(),
                    comment.getValue()))) {
                ScreenNotices.ok(getTranslation("taskops.verdict.saved"));
                getUI().ifPresent(ui -> ui.navigate("inbox"));
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("co-approval-submit");
        add(verdict, comment, submit);
    }
}
