package cn.healthcard.modeler.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * 「流程设计 · 编辑」 (BPM-05, decision 033): the BPMN modeler page ({@code /modeler/index.html}, static, behind
 * the same login) full size in a frame, for the process definition version of the path; a link back to the list
 * ({@code process-design}). The page itself loads the version's XML, checks and submits it through the process
 * administration's API.
 */
@Route("process-design/edit")
@RolesAllowed("ADMIN")
public class ModelerView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    /** A Camunda process definition id: {@code key:version:id} of letters, digits and {@code -_.:}. */
    static final Pattern DEFINITION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

    private final Span definition = new Span();
    private final IFrame frame = new IFrame();

    public ModelerView() {
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        var back = new Button(getTranslation("modeler.back"), VaadinIcon.ARROW_LEFT.create(),
                e -> UI.getCurrent().navigate("process-design"));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("modeler-back");
        var title = new H2(getTranslation("modeler.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        definition.setId("modeler-definition");
        definition.getStyle().set("color", "var(--lumo-secondary-text-color)");
        var header = new HorizontalLayout(back, title, definition);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.getStyle().set("padding", "0 var(--lumo-space-m)");
        frame.setId("modeler-frame");
        frame.setSizeFull();
        frame.getStyle().set("border", "none");
        add(header);
        addAndExpand(frame);
    }

    @Override
    public void setParameter(BeforeEvent event, String definitionId) {
        if (definitionId == null || !DEFINITION_ID.matcher(definitionId).matches()) {
            definition.setText(getTranslation("modeler.badDefinition"));
            frame.setVisible(false);
            return;
        }
        definition.setText(definitionId);
        String language = "en".equals(getLocale().getLanguage()) ? "en" : "zh";
        var request = com.vaadin.flow.server.VaadinService.getCurrentRequest();
        String contextPath = request == null ? "" : request.getContextPath();
        frame.setSrc(contextPath + "/modeler/index.html?definitionId="
                + URLEncoder.encode(definitionId, StandardCharsets.UTF_8) + "&lang=" + language);
        frame.setVisible(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("modeler.title");
    }
}
