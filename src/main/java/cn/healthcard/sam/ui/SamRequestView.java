package cn.healthcard.sam.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.sam.FreezeReason;
import cn.healthcard.sam.SamAction;
import cn.healthcard.sam.SamCaseService;
import cn.healthcard.sam.SamChangeRequest;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.form.CodeTableOptions;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.util.HashMap;
import java.util.Map;

/** The request form of the SAM freeze case (forms/sam-freeze.form): freeze, unfreeze or cancel, urgent for a loss. */
@Route(value = "sam/request", layout = MainLayout.class)
@RolesAllowed("CLERK")
class SamRequestView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SamCaseService cases;

    SamRequestView(SamCaseService cases) {
        this.cases = cases;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H2(getTranslation("sam.request.title")));
        var renderer = new FormRenderer(new CodeTableOptions(), FieldComponentRegistry.standard(), getLocale());
        Map<String, Object> initial = new HashMap<>();
        event.getLocation().getQueryParameters().getSingleParameter("sam").ifPresent(s -> initial.put("samNo", s));
        RenderedForm form = renderer.render(FormDefinition.load("sam-freeze"), initial);
        form.setId("sam-request-form");
        form.addSubmitListener(e -> {
            FormValues v = FormValues.of(e.values());
            try {
                var c = cases.request(new SamChangeRequest(v.string("samNo"), v.enumValue("action", SamAction.class),
                        v.enumValue("freezeReason", FreezeReason.class), v.string("reason"), v.flag("urgent")));
                ScreenNotices.ok(getTranslation("sam.request.submitted", c.caseNo()));
                getUI().ifPresent(ui -> ui.navigate("sam"));
            } catch (DomainValidationException ex) {
                form.showErrors(ex.violations());
            } catch (ConflictException | NotFoundException | AccessDeniedException ex) {
                ScreenNotices.error(ex.getMessage());
            }
        });
        add(form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sam.request.title") + " · " + getTranslation("app.title");
    }
}
