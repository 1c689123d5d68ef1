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
 * A parsed XML table template from {@code reports/<name>.xml}: page set-up and a list of blocks whose texts may still
 * hold {@code ${placeholders}}. Only the audit export is still written in this format (decision 021); the format is
 * described at the end of {@code reports/README.md}.
 */
record ReportTemplate(String name, boolean landscape, String pageSize, List<Block> blocks, Footer footer) {

    /** The height of a table row unless the table or the row says otherwise, in points. */
    static final float DEFAULT_ROW_HEIGHT = 22f;

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    private static final Pattern LIST_NAME = Pattern.compile("[A-Za-z0-9_.]+");

    /** One part of the page body, rendered top to bottom. */
    sealed interface Block permits Title, Text, Table {
    }

    /** The centred heading of the document; also the PDF's title. */
    record Title(String text) implements Block {
    }

    /** A paragraph; {@code align} is {@code left}, {@code center} or {@code right}. */
    record Text(String text, String align) implements Block {
    }

    /**
     * A bordered table; {@code widths} are the relative widths of its columns, {@code rowHeight} the minimum height of
     * its rows in points, {@code headerRows} the number of its first rows repeated at the top of every page the table
     * runs onto (0: none), {@code fontSize} the size of its labels and values in points (0: the default).
     */
    record Table(float[] widths, float rowHeight, int headerRows, float fontSize, List<Row> rows) implements Block {
    }

    /** A table row or a group of rows. */
    sealed interface Row permits Cells, Repeat {
    }

    /**
     * One row of cells; {@code minHeight} overrides the table's row height when positive.
     */
    record Cells(List<Part> parts, float minHeight) implements Row {
    }

    /**
     * Rows repeated once for each entry of the list {@code list} the program supplies; at least {@code minRows}
     * repetitions are drawn, the extra ones with empty values (to be filled by hand).
     */
    record Repeat(String list, int minRows, List<Cells> rows) implements Row {
    }

    /** What a row is made of. */
    sealed interface Part permits Cell, Label, Value {

        /** The number of table columns the part takes. */
        int columns();
    }

    /** A shaded label column followed by its value spanning {@code span} columns. */
    record Cell(String label, String value, int span) implements Part {

        @Override
        public int columns() {
            return 1 + span;
        }
    }

    /** A shaded, centred label (or column heading) alone, spanning {@code span} columns. */
    record Label(String text, int span) implements Part {

        @Override
        public int columns() {
            return span;
        }
    }

    /** A value alone, without a label, spanning {@code span} columns. */
    record Value(String value, int span) implements Part {

        @Override
        public int columns() {
            return span;
        }
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
                case "footer" -> footer = footer(name, child);
                default -> throw unexpected(name, child);
            }
        }
        return new ReportTemplate(name, "landscape".equals(attribute(root, "orientation", "portrait")),
                attribute(root, "page", "A4"), List.copyOf(blocks), footer);
    }

    private static Table table(String name, Element element) {
        float[] widths = parseWidths(name, attribute(element, "widths", ""));
        float rowHeight = height(name, element, "row-height", DEFAULT_ROW_HEIGHT);
        int headerRows = element.hasAttribute("header-rows") ? number(name, element, "header-rows", 1) : 0;
        float fontSize = fontSize(name, element);
        return new Table(widths, rowHeight, headerRows, fontSize, rows(name, element, widths.length));
    }

    /** The {@code font-size} of a table in points, 5 to 30 (halves allowed), or 0 when absent. */
    private static float fontSize(String name, Element element) {
        if (!element.hasAttribute("font-size")) {
            return 0;
        }
        String value = element.getAttribute("font-size");
        float size = value.matches("[0-9]{1,2}(\\.5)?") ? Float.parseFloat(value) : -1;
        if (size < 5 || size > 30) {
            throw new IllegalStateException("Report template " + name + ": <" + element.getTagName()
                    + " font-size=\"" + value + "\"> must be a size in points from 5 to 30, e.g. 7.5");
        }
        return size;
    }

    /** The rows inside a table, each filling {@code columns} columns. */
    private static List<Row> rows(String name, Element parent, int columns) {
        List<Row> rows = new ArrayList<>();
        for (Element child : children(parent)) {
            switch (child.getTagName()) {
                case "row" -> rows.add(cells(name, child, columns));
                case "repeat" -> rows.add(repeat(name, child, columns));
                default -> throw unexpected(name, child);
            }
        }
        return List.copyOf(rows);
    }

    private static Repeat repeat(String name, Element element, int columns) {
        String list = attribute(element, "list", "");
        if (!LIST_NAME.matcher(list).matches()) {
            throw new IllegalStateException("Report template " + name + ": <repeat list=\"" + list
                    + "\"> needs the name of a list (letters, digits, _ and .)");
        }
        List<Cells> rows = new ArrayList<>();
        for (Element child : children(element)) {
            expect(name, child, "row");
            rows.add(cells(name, child, columns));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("Report template " + name + ": <repeat list=\"" + list + "\"> has no <row>");
        }
        int minRows = element.hasAttribute("min-rows") ? number(name, element, "min-rows", 1) : 0;
        return new Repeat(list, minRows, List.copyOf(rows));
    }

    private static Cells cells(String name, Element row, int columns) {
        List<Part> parts = new ArrayList<>();
        int used = 0;
        for (Element child : children(row)) {
            int span = number(name, child, "span", 1);
            Part part = switch (child.getTagName()) {
                case "cell" -> new Cell(attribute(child, "label", ""), content(name, child), span);
                case "label" -> new Label(text(child), span);
                case "value" -> new Value(content(name, child), span);
                default -> throw unexpected(name, child);
            };
            parts.add(part);
            used += part.columns();
        }
        if (used != columns) {
            throw new IllegalStateException("Report template " + name + ": a row fills " + used + " of "
                    + columns + " columns (a <cell> takes 1 for its label plus its span, <label> and <value> their "
                    + "span)");
        }
        return new Cells(List.copyOf(parts), height(name, row, "min-height", 0));
    }

    /** The text of a value, line breaks removed; a value holds no elements. */
    private static String content(String name, Element element) {
        children(element).stream().findFirst().ifPresent(child -> {
            throw unexpected(name, child);
        });
        return text(element);
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

    /** A height in points from 1 to 999, or {@code fallback} when absent. */
    private static float height(String name, Element element, String attribute, float fallback) {
        if (!element.hasAttribute(attribute)) {
            return fallback;
        }
        String value = element.getAttribute(attribute);
        if (!value.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalStateException("Report template " + name + ": <" + element.getTagName() + " "
                    + attribute + "=\"" + value + "\"> must be a height in points from 1 to 999");
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
