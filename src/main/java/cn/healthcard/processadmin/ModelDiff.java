package cn.healthcard.processadmin;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The difference between two BPMN models by element id (BPM-05): elements of the BPMN model namespace with an id
 * (processes, flow nodes, sequence flows, …) added, removed or changed; for a changed element, which attribute or
 * nested setting (condition, timer, form key, candidate groups, properties …) changed from what to what; for an added
 * or removed one, every attribute and nested setting it has. The {@code definitions} element is compared too (key
 * {@value #DEFINITIONS}). The diagram
 * (BPMNDI) is not compared: moving a shape is no change of behaviour.
 */
public final class ModelDiff {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    /** The key under which the {@code definitions} element itself (its attributes and extension settings) is compared. */
    static final String DEFINITIONS = "definitions";

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One element's difference; {@code changes} lists "what: before → after" for a changed element. */
    public record Entry(Kind kind, String elementId, String type, String name, List<String> changes) {
    }

    private ModelDiff() {
    }

    public static List<Entry> diff(String before, String after) {
        Map<String, Element> a = elements(before);
        Map<String, Element> b = elements(after);
        List<Entry> entries = new ArrayList<>();
        for (var e : b.entrySet()) {
            Element old = a.get(e.getKey());
            if (old == null) {
                entries.add(new Entry(Kind.ADDED, e.getKey(), e.getValue().getLocalName(), name(e.getValue()),
                        listed(e.getValue())));
            } else {
                List<String> changes = changes(old, e.getValue());
                if (!changes.isEmpty()) {
                    entries.add(new Entry(Kind.CHANGED, e.getKey(), e.getValue().getLocalName(),
                            name(e.getValue()), changes));
                }
            }
        }
        for (var e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                entries.add(new Entry(Kind.REMOVED, e.getKey(), e.getValue().getLocalName(), name(e.getValue()),
                        listed(e.getValue())));
            }
        }
        return entries;
    }

    /** A short line for the audit log and notices: "+a +b −c ~d". */
    public static String summary(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "无变化";
        }
        StringBuilder s = new StringBuilder();
        for (Entry e : entries) {
            s.append(s.isEmpty() ? "" : " ").append(switch (e.kind()) {
                case ADDED -> "+";
                case REMOVED -> "−";
                case CHANGED -> "~";
            }).append(e.elementId());
        }
        return s.toString();
    }

    private static String name(Element e) {
        return e.hasAttribute("name") ? e.getAttribute("name") : "";
    }

    /** What an added or removed element does: each attribute and nested setting as "what: value". */
    private static List<String> listed(Element element) {
        List<String> lines = new ArrayList<>();
        properties(element).forEach((key, value) -> lines.add(key + ": " + value));
        return lines;
    }

    private static List<String> changes(Element before, Element after) {
        Map<String, String> a = properties(before);
        Map<String, String> b = properties(after);
        List<String> changes = new ArrayList<>();
        TreeMap<String, String> keys = new TreeMap<>(a);
        keys.putAll(b);
        for (String key : keys.keySet()) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changes.add(key + ": " + (a.get(key) == null ? "（无）" : a.get(key)) + " → "
                        + (b.get(key) == null ? "（无）" : b.get(key)));
            }
        }
        return changes;
    }

    /**
     * An element's attributes (but not its id) and the text and attributes of its nested elements that have no id of
     * their own (conditions, timers, extension elements), by path; incoming/outgoing references are left out (the
     * sequence flows' own sourceRef/targetRef say the same).
     */
    private static Map<String, String> properties(Element element) {
        Map<String, String> found = new LinkedHashMap<>();
        attributes(element, "", found);
        nested(element, "", found);
        return found;
    }

    private static void nested(Element element, String path, Map<String, String> found) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                String local = child.getLocalName();
                boolean own = BPMN.equals(child.getNamespaceURI()) && child.hasAttribute("id");
                if (own || BPMNDI.equals(child.getNamespaceURI()) || "incoming".equals(local) || "outgoing".equals(local)) {
                    continue;
                }
                int index = seen.merge(local, 1, Integer::sum);
                String p = path + local + (index > 1 ? "[" + index + "]" : "");
                attributes(child, p + "@", found);
                String text = directText(child);
                if (!text.isEmpty()) {
                    found.put(p, text);
                }
                nested(child, p + "/", found);
            }
        }
    }

    private static void attributes(Element element, String prefix, Map<String, String> found) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())
                    || (prefix.isEmpty() && "id".equals(name))) {
                continue;
            }
            found.put(prefix + name, attribute.getValue());
        }
    }

    private static String directText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString().trim();
    }

    /** Elements of the BPMN namespace with an id, by id, in document order. */
    private static Map<String, Element> elements(String xml) {
        Map<String, Element> found = new LinkedHashMap<>();
        if (xml != null) {
            collect(parse(xml), found);
        }
        return found;
    }

    private static void collect(Element element, Map<String, Element> found) {
        if (BPMN.equals(element.getNamespaceURI()) && "definitions".equals(element.getLocalName())) {
            found.put(DEFINITIONS, element); // compared whatever its id, so a change of its attributes shows
        } else if (BPMN.equals(element.getNamespaceURI()) && element.hasAttribute("id")) {
            found.put(element.getAttribute("id"), element);
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, found);
            }
        }
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }
}
