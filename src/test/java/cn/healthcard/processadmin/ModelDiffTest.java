package cn.healthcard.processadmin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ModelDiff}: what the second admin sees of a change (BPM-05, decision 032). */
class ModelDiffTest {

    private static final String HEAD = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
            + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" ";

    private static String model(String definitionsAttributes, String body) {
        return HEAD + definitionsAttributes + "><bpmn:process id=\"p\" isExecutable=\"true\">" + body
                + "</bpmn:process></bpmn:definitions>";
    }

    @Test
    @DisplayName("BPM-05 SEC-03 an added element lists what it does: its expression, condition and listeners")
    void addedElementListsItsSettings() {
        String before = model("id=\"d\"", "<bpmn:startEvent id=\"s\"/>");
        String after = model("id=\"d\"", "<bpmn:startEvent id=\"s\"/><bpmn:serviceTask id=\"x\" name=\"新\" "
                + "camunda:expression=\"${keyCustodians.of(c)}\"><bpmn:extensionElements><camunda:executionListener "
                + "event=\"start\" delegateExpression=\"${escalateListener}\"/></bpmn:extensionElements>"
                + "</bpmn:serviceTask><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"x\">"
                + "<bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>");
        var diff = ModelDiff.diff(before, after);
        assertThat(diff).filteredOn(e -> e.elementId().equals("x")).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ModelDiff.Kind.ADDED);
            assertThat(e.changes()).contains("expression: ${keyCustodians.of(c)}")
                    .anySatisfy(c -> assertThat(c).contains("delegateExpression: ${escalateListener}"));
        });
        assertThat(diff).filteredOn(e -> e.elementId().equals("f")).singleElement()
                .satisfies(e -> assertThat(e.changes()).contains("conditionExpression: ${ok}"));
        // removed: the same listing, from the old model
        assertThat(ModelDiff.diff(after, before)).filteredOn(e -> e.elementId().equals("x")).singleElement()
                .satisfies(e -> assertThat(e.changes()).contains("expression: ${keyCustodians.of(c)}"));
    }

    @Test
    @DisplayName("BPM-05 a change of the definitions element's attributes shows; the diagram does not")
    void definitionsCompared() {
        var diff = ModelDiff.diff(model("id=\"d\"", "<bpmn:startEvent id=\"s\"/>"),
                model("id=\"d\" targetNamespace=\"http://x\"", "<bpmn:startEvent id=\"s\"/>"));
        assertThat(diff).singleElement().satisfies(e -> {
            assertThat(e.elementId()).isEqualTo(ModelDiff.DEFINITIONS);
            assertThat(e.changes()).anySatisfy(c -> assertThat(c).startsWith("targetNamespace:"));
        });
    }
}
