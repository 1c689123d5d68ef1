package cn.healthcard.workflow;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guard for decision 034: the generic send-back moves only the token, so no shipped step carries
 * {@code sendBackAllowed} — the card-application and SAM-application reviews send back through their domain's review
 * outcome. Setting the flag on a shipped step is a reviewed decision (update this test and decision 034 with why the
 * step's domain state follows a process instance modification).
 */
class ShippedSendBackFlagsTest {

    @Test
    @DisplayName("BPM-02 no shipped process step allows the generic send-back (its domain state would not follow); card-application and sam-application included")
    void noShippedStepCarriesTheFlag() throws IOException {
        Resource[] processes = new PathMatchingResourcePatternResolver().getResources("classpath:processes/*.bpmn");
        assertThat(processes).extracting(Resource::getFilename)
                .contains("card-application.bpmn", "sam-application.bpmn");
        List<String> flagged = new ArrayList<>();
        for (Resource process : processes) {
            try (InputStream in = process.getInputStream()) {
                var model = Bpmn.readModelFromStream(in);
                model.getModelElementsByType(CamundaProperty.class).stream()
                        .filter(p -> SendBack.FLAG.equals(p.getCamundaName()))
                        .forEach(p -> flagged.add(process.getFilename() + ": " + p.getParentElement()
                                .getParentElement().getParentElement().getAttributeValue("id")));
            }
        }
        assertThat(flagged).isEmpty();
    }
}
