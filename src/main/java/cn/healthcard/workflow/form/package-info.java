/**
 * Task forms as data: {@link cn.healthcard.workflow.form.FormDefinition} reads a Camunda Forms (form-js) file from
 * {@code forms/}, {@link cn.healthcard.workflow.form.FormRenderer} turns it into Vaadin components bound with a
 * {@code Binder}, and {@link cn.healthcard.workflow.form.RenderedForm} fires a
 * {@link cn.healthcard.workflow.form.SubmitEvent} with the typed values. Special widgets are registered in a
 * {@link cn.healthcard.workflow.form.FieldComponentRegistry}. Nothing here needs Spring.
 */
@org.springframework.modulith.NamedInterface("form")
package cn.healthcard.workflow.form;
