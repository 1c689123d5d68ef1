package cn.healthcard.report;

import cn.healthcard.report.ReportTemplate.Block;
import cn.healthcard.report.ReportTemplate.Cell;
import cn.healthcard.report.ReportTemplate.Cells;
import cn.healthcard.report.ReportTemplate.Footer;
import cn.healthcard.report.ReportTemplate.Label;
import cn.healthcard.report.ReportTemplate.Part;
import cn.healthcard.report.ReportTemplate.Repeat;
import cn.healthcard.report.ReportTemplate.Row;
import cn.healthcard.report.ReportTemplate.Table;
import cn.healthcard.report.ReportTemplate.Text;
import cn.healthcard.report.ReportTemplate.Title;
import cn.healthcard.report.ReportTemplate.Value;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the XML table templates ({@code reports/*.xml}, format: {@code reports/README.md}) with the embedded Chinese
 * font. Only the audit export is still written this way: it lays out 10 000 rows in a few seconds, where Flying Saucer
 * needs about a minute (decision 021). Every other document is an XHTML template printed by {@link ReportRenderer}.
 * Spring-free and thread-safe; parsed templates are cached.
 */
final class PdfTemplateRenderer {

    /** The PDF creator written into every document's metadata. */
    static final String CREATOR = "居民健康卡综合管理信息系统";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final float MARGIN = 36f;
    private static final Color LABEL_BACKGROUND = new Color(0xF2, 0xF2, 0xF2);
    /** The size of texts, labels and values in points, unless a table says otherwise. */
    private static final float DEFAULT_FONT_SIZE = 10.5f;
    /** How many rows of a long table are laid out at a time. */
    private static final int FLUSH_ROWS = 200;

    private final Clock clock;
    private final Map<String, ReportTemplate> templates = new ConcurrentHashMap<>();

    /** A renderer whose {@code ${generatedAt}} comes from {@code clock}. */
    PdfTemplateRenderer(Clock clock) {
        this.clock = clock;
    }

    /**
     * Fills the template {@code reports/<templateName>.xml} with {@code values} and renders it as PDF.
     * Besides the given values a template may use {@code ${generatedAt}}, the time of rendering, unless
     * {@code values} supplies it.
     *
     * @param templateName the template's file name without {@code .xml}, e.g. {@code audit-export}
     * @param values       the placeholder values by name
     * @return the PDF document
     * @throws IllegalArgumentException when the template does not exist or a placeholder has no value (the message
     *                                  names it)
     * @throws IllegalStateException    when the template file is malformed
     */
    byte[] render(String templateName, Map<String, String> values) {
        return render(templateName, values, Map.of());
    }

    /**
     * Like {@link #render(String, Map)}, with lists for the template's {@code <repeat list="...">} rows: each entry of
     * a list fills one repetition, its values taking precedence over {@code values} there.
     *
     * @param templateName the template's file name without {@code .xml}, e.g. {@code audit-export}
     * @param values       the placeholder values by name
     * @param lists        the lists by name, each entry the placeholder values of one repetition
     * @return the PDF document
     * @throws IllegalArgumentException when the template does not exist or a placeholder or list has no value (the
     *                                  message names it)
     * @throws IllegalStateException    when the template file is malformed
     */
    byte[] render(String templateName, Map<String, String> values, Map<String, List<Map<String, String>>> lists) {
        ReportTemplate template = templates.computeIfAbsent(templateName, ReportTemplate::load);
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("generatedAt", ReportFormats.dateTime(LocalDateTime.now(clock)));
        return new Rendering(template, all, Map.copyOf(lists)).pdf();
    }

    /** One rendering of a template with its values. */
    private static final class Rendering {

        private final ReportTemplate template;
        private final Map<String, String> values;
        private final Map<String, List<Map<String, String>>> lists;
        private final Font titleFont = new Font(CjkFont.BASE, 20, Font.BOLD);
        private final Font valueFont = new Font(CjkFont.BASE, DEFAULT_FONT_SIZE, Font.NORMAL);
        private final Font footerFont = new Font(CjkFont.BASE, 8, Font.NORMAL, Color.DARK_GRAY);
        /** The fonts of tables without a font-size of their own. */
        private final TableFonts defaultTableFonts = TableFonts.of(DEFAULT_FONT_SIZE);

        Rendering(ReportTemplate template, Map<String, String> values, Map<String, List<Map<String, String>>> lists) {
            this.template = template;
            this.values = values;
            this.lists = lists;
        }

        byte[] pdf() {
            Rectangle page = PageSize.getRectangle(template.pageSize());
            Document document = new Document(template.landscape() ? page.rotate() : page, MARGIN, MARGIN, MARGIN, MARGIN);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(footer(template.footer()));
            document.addCreator(CREATOR);
            template.blocks().stream().filter(Title.class::isInstance).findFirst()
                    .ifPresent(title -> document.addTitle(fill(((Title) title).text())));
            document.open();
            Block previous = null;
            for (Block block : template.blocks()) {
                if (block instanceof Table table) {
                    PdfPTable pdf = table(table, document, previous == null || previous instanceof Title ? 0 : 8);
                    document.add(pdf);
                } else {
                    document.add(element(block));
                }
                previous = block;
            }
            document.close();
            return out.toByteArray();
        }

        private Element element(Block block) {
            if (block instanceof Title title) {
                Paragraph paragraph = new Paragraph(fill(title.text()), titleFont);
                paragraph.setAlignment(Element.ALIGN_CENTER);
                paragraph.setSpacingAfter(10);
                return paragraph;
            }
            Text text = (Text) block;
            Paragraph paragraph = new Paragraph(fill(text.text()), valueFont);
            paragraph.setAlignment(switch (text.align()) {
                case "center" -> Element.ALIGN_CENTER;
                case "right" -> Element.ALIGN_RIGHT;
                default -> Element.ALIGN_LEFT;
            });
            paragraph.setSpacingBefore(8);
            return paragraph;
        }

        /**
         * The table to add to {@code document}, {@code spacingBefore} points below the block before it (none below
         * the title, which has its own spacing). A long table (many repeated rows) is laid out onto the document in
         * pieces while its rows are added ({@link PdfPTable#setComplete}), so that its cells need not all be held
         * at once; the rest is returned.
         */
        private PdfPTable table(Table table, Document document, float spacingBefore) {
            TableFonts fonts = table.fontSize() > 0 ? TableFonts.of(table.fontSize()) : defaultTableFonts;
            PdfPTable pdf = new PdfPTable(table.widths());
            pdf.setWidthPercentage(100);
            pdf.setSpacingBefore(spacingBefore);
            pdf.setHeaderRows(table.headerRows());
            pdf.setComplete(false);
            for (Row row : table.rows()) {
                for (Line line : lines(List.of(row))) {
                    addLine(pdf, line, table.rowHeight(), fonts);
                    if (pdf.size() - pdf.getHeaderRows() >= FLUSH_ROWS) {
                        document.add(pdf);
                        pdf.setSpacingBefore(0); // the next piece continues the table without a gap
                    }
                }
            }
            pdf.setComplete(true);
            return pdf;
        }

        /**
         * The fonts inside a table: labels and values; {@code scale} shrinks the cells' padding along with a smaller
         * font (1 for the default size and above).
         */
        private record TableFonts(Font label, Font value, float scale) {

            static TableFonts of(float size) {
                return new TableFonts(new Font(CjkFont.BASE, size, Font.NORMAL), new Font(CjkFont.BASE, size, Font.NORMAL),
                        Math.min(1f, size / DEFAULT_FONT_SIZE));
            }

            /** Pads a cell of this table: as {@link #cell(Phrase, int)} does, less for a smaller font. */
            PdfPCell pad(PdfPCell cell) {
                if (scale < 1f) {
                    cell.setPaddingLeft(6 * scale);
                    cell.setPaddingRight(6 * scale);
                    cell.setPaddingTop(2 * scale);
                    cell.setPaddingBottom(5 * scale);
                }
                return cell;
            }
        }

        /** A row to draw with the values of its repetition ({@code scope}), or blank ({@code scope == null}). */
        private record Line(Cells cells, Map<String, String> scope) {
        }

        /** The rows to draw, repeated rows expanded. */
        private List<Line> lines(List<Row> rows) {
            List<Line> lines = new ArrayList<>();
            for (Row row : rows) {
                if (row instanceof Cells cells) {
                    lines.add(new Line(cells, Map.of()));
                } else if (row instanceof Repeat repeat) {
                    List<Map<String, String>> entries = lists.get(repeat.list());
                    if (entries == null) {
                        throw new IllegalArgumentException("Report template " + template.name()
                                + " needs the list '" + repeat.list() + "' for its <repeat>");
                    }
                    for (Map<String, String> entry : entries) {
                        repeat.rows().forEach(cells -> lines.add(new Line(cells, entry)));
                    }
                    for (int i = entries.size(); i < repeat.minRows(); i++) {
                        repeat.rows().forEach(cells -> lines.add(new Line(cells, null)));
                    }
                }
            }
            return lines;
        }

        private void addLine(PdfPTable pdf, Line line, float rowHeight, TableFonts fonts) {
            float height = line.cells().minHeight() > 0 ? line.cells().minHeight() : rowHeight;
            Map<String, String> scope = line.scope() == null ? Map.of() : line.scope();
            for (Part part : line.cells().parts()) {
                if (part instanceof Cell cell) {
                    pdf.addCell(label(fill(cell.label(), scope), 1, height, fonts));
                    pdf.addCell(value(cell.value(), line.scope(), cell.span(), height, fonts));
                } else if (part instanceof Label label) {
                    pdf.addCell(label(fill(label.text(), scope), label.span(), height, fonts));
                } else {
                    Value value = (Value) part;
                    pdf.addCell(value(value.value(), line.scope(), value.span(), height, fonts));
                }
            }
        }

        private PdfPCell label(String text, int span, float height, TableFonts fonts) {
            PdfPCell label = fonts.pad(cell(text, fonts.label(), Element.ALIGN_CENTER));
            label.setBackgroundColor(LABEL_BACKGROUND);
            label.setColspan(span);
            label.setMinimumHeight(height);
            return label;
        }

        /** A value cell; {@code scope == null} draws it blank (a row to fill by hand). */
        private PdfPCell value(String text, Map<String, String> scope, int span, float height, TableFonts fonts) {
            PdfPCell cell = fonts.pad(cell(scope == null ? "" : fill(text, scope), fonts.value(), Element.ALIGN_LEFT));
            cell.setColspan(span);
            cell.setMinimumHeight(height);
            return cell;
        }

        private PdfPCell cell(String text, Font font, int alignment) {
            return cell(new Phrase(text, font), alignment);
        }

        private PdfPCell cell(Phrase phrase, int alignment) {
            PdfPCell cell = new PdfPCell(phrase);
            cell.setHorizontalAlignment(alignment);
            cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
            cell.setMinimumHeight(22);
            cell.setPaddingLeft(6);
            cell.setPaddingRight(6);
            cell.setPaddingBottom(5);
            cell.setBorderWidth(0.75f);
            return cell;
        }

        private PdfPageEventHelper footer(Footer footer) {
            Phrase left = new Phrase(fill(footer.left()), footerFont);
            Phrase right = new Phrase(fill(footer.right()), footerFont);
            return new PdfPageEventHelper() {
                @Override
                public void onEndPage(PdfWriter writer, Document document) {
                    PdfContentByte canvas = writer.getDirectContent();
                    float y = document.bottom() - 16;
                    canvas.setLineWidth(0.5f);
                    canvas.moveTo(document.left(), y + 10);
                    canvas.lineTo(document.right(), y + 10);
                    canvas.stroke();
                    ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, left, document.left(), y, 0);
                    ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, right, document.right(), y, 0);
                }
            };
        }

        /** Replaces every {@code ${name}}; a name without a value fails rather than printing the placeholder. */
        private String fill(String text) {
            return fill(text, Map.of());
        }

        /** Like {@link #fill(String)}, looking names up in {@code scope} (a list entry) before the document's values. */
        private String fill(String text, Map<String, String> scope) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            return matcher.replaceAll(match -> {
                String value = scope.containsKey(match.group(1)) ? scope.get(match.group(1)) : values.get(match.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("Report template " + template.name()
                            + " needs a value for placeholder ${" + match.group(1) + "}");
                }
                return Matcher.quoteReplacement(value);
            });
        }
    }
}
