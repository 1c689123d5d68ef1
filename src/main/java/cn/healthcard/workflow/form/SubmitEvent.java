package cn.healthcard.workflow.form;

import com.vaadin.flow.component.ComponentEvent;

import java.util.Map;

/** Fired by a {@link RenderedForm} when a submit button was clicked and every field is valid. */
public class SubmitEvent extends ComponentEvent<RenderedForm> {

    private final String action;
    private final Map<String, Object> values;

    /**
     * @param source the form
     * @param action key of the button used ({@code submit} for the default button)
     * @param values the typed values, see {@link #values()}
     */
    public SubmitEvent(RenderedForm source, String action, Map<String, Object> values) {
        super(source, false);
        this.action = action;
        this.values = values;
    }

    /** Key of the button that was clicked: {@code submit} unless the form defines buttons with other keys. */
    public String action() {
        return action;
    }

    /**
     * The values of all editable input fields in form order, read-only ones left out; unmodifiable, may hold
     * {@code null} for empty fields. Types are described on {@link FormRenderer}.
     */
    public Map<String, Object> values() {
        return values;
    }
}
