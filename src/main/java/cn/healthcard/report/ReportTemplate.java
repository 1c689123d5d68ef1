package cn.healthcard.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A parsed report template from {@code reports/<name>.xml}: page set-up and a list of blocks whose texts may still
 * hold {@code ${placeholders}}. The format is described in {@code reports/README.md}.
 */
record ReportTemplate(String name, boolean landscape, String pageSize, List<Block> blocks, Footer footer) {

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    /** One part of the page body, rendered top to bottom. */
    sealed interface Block permits Title, Text, Table, Signatures {
    }

    /** The centred heading of the document; also the PDF's title. */
    record Title(String text) implements Block {
    }

    /** A paragraph; {@code align} is {@code left}, {@code center} or {@code right}. */
    record Text(String text, String align) implements Block {
    }

    /** A bordered table; {@code widths} are the relative widths of its columns. */
    record Table(float[] widths, List<Row> rows) implements Block {
    }

    /** A table row: either a section heading across the table or label/value cells. */
    sealed interface Row permits Section, Cells {
    }

    /** A shaded heading row spanning all columns. */
    record Section(String text) implements Row {
    }

    /** Cells of one row, each a label column followed by a value spanning {@code span} columns. */
    record Cells(List<Cell> cells) implements Row {
    }

    /** A label and its value. */
    record Cell(String label, String value, int span) {
    }

    /** Signature lines, {@code perLine} to a line. */
    record Signatures(int perLine, List<Signature> signatures) implements Block {
    }

    /** A label and a line to sign on; the value, if any, is printed on the line. */
    record Signature(String label, String value) {
    }

    /** Texts printed at the bottom of every page. */
    record Footer(String left, String right) {
    }

    /** Loads and parses {@code reports/<name>.xml} from the classpath. */
    static ReportTemplate load(String name) {
        if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid report template name: " + name);
        }
        String resource = "reports/" + name + ".xml";
        try (InputStream in = ReportTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Unknown report template '" + name + "': no classpath resource " + resource);
            }
            return parse(name, in);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("Report template " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static ReportTemplate parse(String name, InputStream in)
            throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        expect(name, root, "report");
        List<Block> blocks = new ArrayList<>();
        Footer footer = new Footer("", "");
        for (Element child : children(root)) {
            switch (child.getTagName()) {
                case "title" -> blocks.add(new Title(text(child)));
                case "text" -> blocks.add(new Text(text(child), attribute(child, "align", "left")));
                case "table" -> blocks.add(table(name, child));
                case "signatures" -> blocks.add(signatures(name, child));
                case "footer" -> footer = footer(name, child);
                default -> throw unexpected(name, child);
            }
        }
        return new ReportTemplate(name, "landscape".equals(attribute(root, "orientation", "portrait")),
                attribute(root, "page", "A4"), List.copyOf(blocks), footer);
    }

    private static Table table(String name, Element element) {
        float[] widths = parseWidths(name, attribute(element, "widths", ""));
        List<Row> rows = new ArrayList<>();
        for (Element child : children(element)) {
            switch (child.getTagName()) {
                case "section" -> rows.add(new Section(text(child)));
                case "row" -> rows.add(cells(name, child, widths.length));
                default -> throw unexpected(name, child);
            }
        }
        return new Table(widths, List.copyOf(rows));
    }

    private static Cells cells(String name, Element row, int columns) {
        List<Cell> cells = new ArrayList<>();
        int used = 0;
        for (Element child : children(row)) {
            expect(name, child, "cell");
            int span = number(name, child, "span", 1);
            cells.add(new Cell(attribute(child, "label", ""), text(child), span));
            used += 1 + span;
        }
        if (used != columns) {
            throw new IllegalStateException("Report template " + name + ": a row fills " + used + " of "
                    + columns + " columns (each cell takes 1 for its label plus its span)");
        }
        return new Cells(List.copyOf(cells));
    }

    private static Signatures signatures(String name, Element element) {
        List<Signature> signatures = new ArrayList<>();
        for (Element child : children(element)) {
            expect(name, child, "signature");
            signatures.add(new Signature(attribute(child, "label", ""), text(child)));
        }
        return new Signatures(number(name, element, "per-line", 2), List.copyOf(signatures));
    }

    private static Footer footer(String name, Element element) {
        String left = "";
        String right = "";
        for (Element child : children(element)) {
            switch (child.getTagName()) {
                case "left" -> left = text(child);
                case "right" -> right = text(child);
                default -> throw unexpected(name, child);
            }
        }
        return new Footer(left, right);
    }

    private static float[] parseWidths(String name, String widths) {
        try {
            String[] parts = widths.split(",");
            float[] result = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                result[i] = Float.parseFloat(parts[i].strip());
            }
            return result;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Report template " + name + ": <table widths=\"" + widths
                    + "\"> must be comma-separated numbers", e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                result.add(element);
            }
        }
        return result;
    }

    /** Text content with line breaks (and the indentation around them) removed, so long Chinese lines may wrap in the file. */
    private static String text(Element element) {
        return LINE_BREAK.matcher(element.getTextContent().strip()).replaceAll("");
    }

    /** A whole-number attribute from 1 to 99, or {@code fallback} when absent. */
    private static int number(String name, Element element, String attribute, int fallback) {
        String value = attribute(element, attribute, String.valueOf(fallback));
        if (!value.matches("[1-9][0-9]?")) {
            throw new IllegalStateException("Report template " + name + ": <" + element.getTagName() + " "
                    + attribute + "=\"" + value + "\"> must be a whole number from 1 to 99");
        }
        return Integer.parseInt(value);
    }

    private static String attribute(Element element, String attribute, String fallback) {
        return element.hasAttribute(attribute) ? element.getAttribute(attribute) : fallback;
    }

    private static void expect(String name, Element element, String tag) {
        if (!element.getTagName().equals(tag)) {
            throw unexpected(name, element);
        }
    }

    private static IllegalStateException unexpected(String name, Element element) {
        String parent = element.getParentNode() instanceof Element p ? " inside <" + p.getTagName() + ">" : "";
        return new IllegalStateException("Report template " + name + ": unexpected <" + element.getTagName() + ">" + parent);
    }
}
