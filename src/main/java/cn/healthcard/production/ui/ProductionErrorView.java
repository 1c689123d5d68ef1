package cn.healthcard.production.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.production.ProductionErrors;
import cn.healthcard.production.ProductionErrors.ErrorView;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * 制卡差错 (PER-04): the error records per card the makers sent back; after the resident's data is corrected (the
 * existing resident edit) the case is resent to a later plan.
 */
@Route(value = "production/errors", layout = MainLayout.class)
@RolesAllowed({"SUPERVISOR", "CLERK"})
class ProductionErrorView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final ProductionErrors errors;
    private final Grid<ErrorView> grid = new Grid<>();
    private final Checkbox all = new Checkbox();

    ProductionErrorView(ProductionErrors errors) {
        this.errors = errors;
        add(new H2(getTranslation("production.error.title")), new Paragraph(getTranslation("production.error.hint")));
        all.setLabel(getTranslation("production.error.all"));
        all.setId("production-errors-all");
        all.addValueChangeListener(e -> refresh());
        add(all);
        grid.setId("production-errors");
        grid.setAllRowsVisible(true);
        grid.addColumn(ErrorView::caseId).setHeader(getTranslation("production.error.case")).setAutoWidth(true);
        grid.addColumn(ErrorView::batchNo).setHeader(getTranslation("production.batch.batchNo")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("production.error.kind." + e.kind()))
                .setHeader(getTranslation("production.error.kind"));
        grid.addColumn(e -> e.field() == null ? "" : e.field()).setHeader(getTranslation("production.error.field"));
        grid.addColumn(ErrorView::reason).setHeader(getTranslation("production.error.reason")).setAutoWidth(true);
        grid.addColumn(e -> TIME.format(e.reportedAt())).setHeader(getTranslation("production.error.reportedAt"));
        grid.addComponentColumn(this::resendCell).setHeader(getTranslation("production.error.resend"));
        add(grid);
        refresh();
    }

    private com.vaadin.flow.component.Component resendCell(ErrorView e) {
        if (e.resentAt() != null) {
            return new Span(getTranslation("production.error.resentBy", e.resentBy(), TIME.format(e.resentAt())));
        }
        var resend = new Button(getTranslation("production.error.resend"), click -> {
            try {
                errors.resend(e.caseId());
                Notification.show(getTranslation("production.error.resent", e.caseId()), 4000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refresh();
        });
        resend.setId("production-resend-" + e.caseId());
        resend.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return resend;
    }

    private void refresh() {
        grid.setItems(errors.list(Boolean.TRUE.equals(all.getValue())));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("production.error.title") + " · " + getTranslation("app.title");
    }
}
