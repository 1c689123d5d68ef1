package cn.healthcard.workflow.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.TaskFilter;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import cn.healthcard.workflow.form.ChineseTexts;
import cn.healthcard.common.ChinaTime;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;


/**
 * The task inbox: my tasks and my groups' tasks in my region, filters, claim / unclaim, open the form; the number of
 * tasks on request.
 */
@Route(value = "inbox", layout = MainLayout.class)
@PermitAll
class InboxView extends VerticalLayout implements HasDynamicTitle {


    private final TaskInboxService inbox;
    private final Grid<TaskRef> grid = new Grid<>();
    private final Select<TaskFilter.Scope> scope = new Select<>();
    private final Select<String> process = new Select<>();
    private final TextField taskName = new TextField();
    private final DatePicker from = ChineseTexts.datePicker(getLocale());
    private final DatePicker to = ChineseTexts.datePicker(getLocale());
    private final TextField applicant = new TextField();
    private final Span total = new Span();
    private TaskFilter filter;

    InboxView(TaskInboxService inbox) {
        this.inbox = inbox;
        setSizeFull();
        add(new H2(getTranslation("inbox.title")));

        scope.setLabel(getTranslation("inbox.scope"));
        scope.setItems(TaskFilter.Scope.ALL, TaskFilter.Scope.MINE, TaskFilter.Scope.GROUPS);
        scope.setItemLabelGenerator(s -> getTranslation("inbox.scope." + s.name()));
        scope.setValue(TaskFilter.Scope.ALL);
        scope.setId("filter-scope");
        process.setLabel(getTranslation("inbox.process"));
        process.setItems("", "card-application", "loss-report", "unloss", "unlock", "replacement", "cancellation",
                "key-ceremony");
        process.setItemLabelGenerator(p -> p.isEmpty() ? getTranslation("inbox.any") : getTranslation("process." + p));
        process.setValue("");
        taskName.setLabel(getTranslation("inbox.taskName"));
        taskName.setId("filter-task-name");
        from.setLabel(getTranslation("inbox.createdFrom"));
        to.setLabel(getTranslation("inbox.createdTo"));
        applicant.setLabel(getTranslation("inbox.applicant"));
        applicant.setPlaceholder(getTranslation("inbox.applicant.placeholder"));
        applicant.setId("filter-applicant");
        var search = new Button(getTranslation("inbox.search"), e -> refresh());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("inbox-search");
        var count = new Button(getTranslation("inbox.count"), e -> showCount());
        count.setId("inbox-count");
        total.setId("inbox-total");
        var filters = new HorizontalLayout(scope, process, taskName, from, to, applicant, search, count, total);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);

        grid.setId("inbox-grid");
        grid.addColumn(TaskRef::name).setHeader(getTranslation("inbox.col.task")).setAutoWidth(true);
        grid.addColumn(TaskRef::applicantName).setHeader(getTranslation("inbox.col.applicant")).setAutoWidth(true);
        grid.addColumn(t -> getTranslation("process." + t.processDefinitionKey()))
                .setHeader(getTranslation("inbox.col.process")).setAutoWidth(true);
        grid.addColumn(t -> ChinaTime.minutes(t.created())).setHeader(getTranslation("inbox.col.created")).setAutoWidth(true);
        grid.addColumn(t -> t.assignee() == null ? getTranslation("inbox.unassigned") : t.assignee())
                .setHeader(getTranslation("inbox.col.assignee")).setAutoWidth(true);
        grid.addColumn(TaskRef::priority).setHeader(getTranslation("inbox.col.priority")).setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("inbox.col.actions")).setAutoWidth(true);
        add(grid);
        expand(grid);
        refresh();
    }

    private HorizontalLayout actions(TaskRef task) {
        String me = SecurityContextUsers.require().username();
        var open = new Button(getTranslation("inbox.open"),
                e -> getUI().ifPresent(ui -> ui.navigate("tasks/" + task.taskId())));
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        open.setId("open-" + task.taskId());
        var actions = new HorizontalLayout(open);
        if (task.businessKey() != null) {
            var timeline = new Button(getTranslation("taskops.timeline"),
                    e -> getUI().ifPresent(ui -> ui.navigate("cases/" + task.businessKey())));
            timeline.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            timeline.setId("case-" + task.taskId());
            actions.add(timeline);
        }
        if (task.assignee() == null) {
            var claim = new Button(getTranslation("inbox.claim"), e -> act(() -> inbox.claim(task.taskId())));
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(claim);
        } else if (task.assignee().equals(me)) {
            var unclaim = new Button(getTranslation("inbox.unclaim"), e -> act(() -> inbox.unclaim(task.taskId())));
            unclaim.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(unclaim);
        }
        return actions;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (ConflictException | NotFoundException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    /**
     * Pages are fetched as the grid scrolls, without a count: counting scans every task the filter finds, so it is
     * done only when asked ({@link #showCount()}).
     */
    private void refresh() {
        filter = new TaskFilter(scope.getValue(), process.getValue().isEmpty() ? null : process.getValue(),
                taskName.getValue(), from.getValue(), to.getValue(), applicant.getValue());
        var current = filter;
        grid.setItems(q -> inbox.find(current, q.getOffset(), q.getLimit()).stream());
        total.setText("");
    }

    private void showCount() {
        total.setText(getTranslation("inbox.count.result", inbox.count(filter)));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("inbox.title") + " · " + getTranslation("app.title");
    }
}
