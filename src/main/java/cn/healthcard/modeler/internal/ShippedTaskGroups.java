package cn.healthcard.modeler.internal;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The candidate groups the shipped processes ({@code processes/*.bpmn}) give their user tasks (BPM-05, decision 033):
 * per form key the group of the first task with that form (the default of the form's element template, so a review
 * form's task is the supervisors' and not the first role's), and every institution-bound group in use
 * ({@code PRODUCTION@${makerCode}}), offered as a choice. Pure: the caller opens the files.
 */
public final class ShippedTaskGroups {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    private final Map<String, String> byForm = new LinkedHashMap<>();
    private final SortedSet<String> scoped = new TreeSet<>();

    /** Adds the user tasks of one BPMN file; the first file naming a form decides its group. */
    public ShippedTaskGroups read(InputStream bpmn) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        XMLStreamReader xml = factory.createXMLStreamReader(bpmn);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "userTask".equals(xml.getLocalName())) {
                    String form = xml.getAttributeValue(CAMUNDA, "formKey");
                    String groups = xml.getAttributeValue(CAMUNDA, "candidateGroups");
                    if (groups == null || groups.isBlank()) {
                        continue;
                    }
                    if (form != null && !form.isBlank()) {
                        byForm.putIfAbsent(form.trim(), groups.trim());
                    }
                    for (String group : groups.split(",")) {
                        if (group.contains("@")) {
                            scoped.add(group.trim());
                        }
                    }
                }
            }
        } finally {
            xml.close();
        }
        return this;
    }

    /** Form key → the candidate groups of its first shipped task. */
    public Map<String, String> byForm() {
        return Collections.unmodifiableMap(byForm);
    }

    /** The institution-bound groups ({@code ROLE@${variable}}) the shipped processes use, sorted. */
    public SortedSet<String> scoped() {
        return Collections.unmodifiableSortedSet(scoped);
    }
}
