package cn.healthcard.report;

import cn.healthcard.report.ReportTemplate.Block;
import cn.healthcard.report.ReportTemplate.Cell;
import cn.healthcard.report.ReportTemplate.Cells;
import cn.healthcard.report.ReportTemplate.Choice;
import cn.healthcard.report.ReportTemplate.Content;
import cn.healthcard.report.ReportTemplate.Footer;
import cn.healthcard.report.ReportTemplate.Group;
import cn.healthcard.report.ReportTemplate.Inline;
import cn.healthcard.report.ReportTemplate.Label;
import cn.healthcard.report.ReportTemplate.Option;
import cn.healthcard.report.ReportTemplate.Part;
import cn.healthcard.report.ReportTemplate.Picture;
import cn.healthcard.report.ReportTemplate.Plain;
import cn.healthcard.report.ReportTemplate.Repeat;
import cn.healthcard.report.ReportTemplate.Row;
import cn.healthcard.report.ReportTemplate.Section;
import cn.healthcard.report.ReportTemplate.Signature;
import cn.healthcard.report.ReportTemplate.Signatures;
import cn.healthcard.report.ReportTemplate.Table;
import cn.healthcard.report.ReportTemplate.Text;
import cn.healthcard.report.ReportTemplate.Title;
import cn.healthcard.report.ReportTemplate.Value;
import com.lowagie.text.Chunk;
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
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the XML table templates ({@code reports/*.xml}, format: {@code reports/README.md}) with the embedded Chinese
 * font. Only the audit export is still written this way: it lays out 10 000 rows in a few seconds, where Flying Saucer
 * needs about a minute (decision 021). Every other document is an XHTML template printed by {@link ReportRenderer}.
 * Spring-free and thread-safe; parsed templates are cached.
 */
public final class PdfTemplateRenderer {

    /** The PDF creator written into every document's metadata. */
    public static final String CREATOR = "居民健康卡综合管理信息系统";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final float MARGIN = 36f;
    private static final Color LABEL_BACKGROUND = new Color(0xF2, 0xF2, 0xF2);
    private static final Color SECTION_BACKGROUND = new Color(0xD9, 0xD9, 0xD9);
    /** The check box of a chosen option and of the others. */
    static final String CHECKED = "■";
    static final String UNCHECKED = "□";
    /** Between two options of a choice: two ideographic spaces. */
    private static final String OPTION_GAP = "\u3000\u3000";
    /** The size of texts, labels and values in points, unless a table says otherwise. */
    private static final float DEFAULT_FONT_SIZE = 10.5f;
    /** How many rows of a long table are laid out at a time. */
    private static final int FLUSH_ROWS = 200;

    private final Clock clock;
    private final Map<String, ReportTemplate> templates = new ConcurrentHashMap<>();

    /** A renderer whose {@code ${generatedAt}} is the system clock's time in the default time zone. */
    public PdfTemplateRenderer() {
        this(Clock.system(cn.healthcard.common.ChinaTime.ZONE));
    }

    /** A renderer whose {@code ${generatedAt}} comes from {@code clock}. */
    public PdfTemplateRenderer(Clock clock) {
        this.clock = clock;
    }

    /**
     * Fills the template {@code reports/<templateName>.xml} with {@code values} and renders it as PDF.
     * Besides the given values a template may use {@code ${generatedAt}}, the time of rendering, unless
     * {@code values} supplies it.
     *
     * @param templateName the template's file name without {@code .xml}, e.g. {@code pickup-receipt}
     * @param values       the placeholder values by name
     * @return the PDF document
     * @throws IllegalArgumentException when the template does not exist or a placeholder has no value (the message
     *                                  names it)
     * @throws IllegalStateException    when the template file is malformed
     */
    public byte[] render(String templateName, Map<String, String> values) {
        return render(templateName, values, Map.of());
    }

    /**
     * Like {@link #render(String, Map)}, with lists for the template's {@code <repeat list="...">} rows: each entry of
     * a list fills one repetition, its values taking precedence over {@code values} there.
     *
     * @param templateName the template's file name without {@code .xml}, e.g. {@code replacement-form}
     * @param values       the placeholder values by name
     * @param lists        the lists by name, each entry the placeholder values of one repetition
     * @return the PDF document
     * @throws IllegalArgumentException when the template does not exist, a placeholder or list has no value, or a
     *                                  choice's value is none of its options (the message names it)
     * @throws IllegalStateException    when the template file is malformed
     */
    public byte[] render(String templateName, Map<String, String> values, Map<String, List<Map<String, String>>> lists) {
        return render(templateName, values, lists, Map.of());
    }

    /**
     * Like {@link #render(String, Map, Map)}, with the images for the template's {@code <image name="...">} blocks
     * (PNG or JPEG bytes by name).
     *
     * @throws IllegalArgumentException also when an image the template names is not supplied or cannot be read
     */
    public byte[] render(String templateName, Map<String, String> values, Map<String, List<Map<String, String>>> lists,
                         Map<String, byte[]> images) {
        ReportTemplate template = templates.computeIfAbsent(templateName, ReportTemplate::load);
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("generatedAt", ReportFormats.dateTime(LocalDateTime.now(clock)));
        return new Rendering(template, all, Map.copyOf(lists), Map.copyOf(images)).pdf();
    }

    /** One rendering of a template with its values. */
    private static final class Rendering {

        private final ReportTemplate template;
        private final Map<String, String> values;
        private final Map<String, List<Map<String, String>>> lists;
        private final Map<String, byte[]> images;
        private final Font titleFont = new Font(CjkFont.BASE, 20, Font.BOLD);
        private final Font valueFont = new Font(CjkFont.BASE, DEFAULT_FONT_SIZE, Font.NORMAL);
        private final Font footerFont = new Font(CjkFont.BASE, 8, Font.NORMAL, Color.DARK_GRAY);
        /** The fonts of tables without a font-size of their own. */
        private final TableFonts defaultTableFonts = TableFonts.of(DEFAULT_FONT_SIZE);

        Rendering(ReportTemplate template, Map<String, String> values, Map<String, List<Map<String, String>>> lists,
                  Map<String, byte[]> images) {
            this.template = template;
            this.values = values;
            this.lists = lists;
            this.images = images;
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
            if (block instanceof Text text) {
                Paragraph paragraph = new Paragraph(fill(text.text()), valueFont);
                paragraph.setAlignment(switch (text.align()) {
                    case "center" -> Element.ALIGN_CENTER;
                    case "right" -> Element.ALIGN_RIGHT;
                    default -> Element.ALIGN_LEFT;
                });
                paragraph.setSpacingBefore(8);
                return paragraph;
            }
            if (block instanceof Picture picture) {
                return picture(picture);
            }
            return signatures((Signatures) block);
        }

        private Element picture(Picture picture) {
            byte[] bytes = images.get(picture.name());
            if (bytes == null) {
                throw new IllegalArgumentException("Report template " + template.name() + " needs the image '"
                        + picture.name() + "' for its <image>");
            }
            com.lowagie.text.Image image;
            try {
                image = com.lowagie.text.Image.getInstance(bytes);
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException("Report template " + template.name() + ": the image '"
                        + picture.name() + "' is not a readable PNG or JPEG", e);
            }
            image.scaleToFit(picture.size(), picture.size());
            image.setAlignment(switch (picture.align()) {
                case "left" -> com.lowagie.text.Image.LEFT;
                case "right" -> com.lowagie.text.Image.RIGHT;
                default -> com.lowagie.text.Image.MIDDLE;
            });
            image.setSpacingBefore(8);
            image.setSpacingAfter(4);
            return image;
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
                if (row instanceof Section section) {
                    PdfPCell cell = fonts.pad(cell(fill(section.text()), fonts.section(), Element.ALIGN_LEFT));
                    cell.setColspan(table.widths().length);
                    cell.setBackgroundColor(SECTION_BACKGROUND);
                    pdf.addCell(cell);
                } else if (row instanceof Group group) {
                    List<Line> lines = lines(group.rows());
                    PdfPCell label = label(fill(group.label()), 1, table.rowHeight(), fonts);
                    label.setRowspan(lines.size());
                    pdf.addCell(label);
                    lines.forEach(line -> addLine(pdf, line, table.rowHeight(), fonts));
                } else {
                    for (Line line : lines(List.of(row))) {
                        addLine(pdf, line, table.rowHeight(), fonts);
                        if (pdf.size() - pdf.getHeaderRows() >= FLUSH_ROWS) {
                            document.add(pdf);
                            pdf.setSpacingBefore(0); // the next piece continues the table without a gap
                        }
                    }
                }
            }
            pdf.setComplete(true);
            return pdf;
        }

        /**
         * The fonts inside a table: section headings, labels, values and the check boxes (the font's □ and ■ are
         * small, so they are printed larger than the text); {@code scale} shrinks the cells' padding along with a
         * smaller font (1 for the default size and above).
         */
        private record TableFonts(Font section, Font label, Font value, Font mark, float scale) {

            static TableFonts of(float size) {
                return new TableFonts(new Font(CjkFont.BASE, size + 0.5f, Font.BOLD),
                        new Font(CjkFont.BASE, size, Font.NORMAL), new Font(CjkFont.BASE, size, Font.NORMAL),
                        new Font(CjkFont.BASE, size * 15f / DEFAULT_FONT_SIZE, Font.NORMAL),
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

        /** A value cell; {@code scope == null} draws it blank (texts left out, choices with nothing chosen). */
        private PdfPCell value(Content content, Map<String, String> scope, int span, float height, TableFonts fonts) {
            Phrase phrase = new Phrase("", fonts.value());
            for (Inline inline : content.parts()) {
                if (inline instanceof Plain plain) {
                    if (scope != null) {
                        phrase.add(new Chunk(fill(plain.text(), scope), fonts.value()));
                    }
                } else {
                    choice((Choice) inline, scope, phrase, fonts);
                }
            }
            PdfPCell cell = fonts.pad(cell(phrase, Element.ALIGN_LEFT));
            cell.setColspan(span);
            cell.setMinimumHeight(height);
            return cell;
        }

        /** Adds the options of a choice with their check boxes to {@code phrase}, e.g. {@code □ 1 丢失　　■ 2 损坏}. */
        private void choice(Choice choice, Map<String, String> scope, Phrase phrase, TableFonts fonts) {
            Map<String, String> within = scope == null ? Map.of() : scope;
            String chosen = scope == null ? "" : fill(choice.value(), within);
            if (!chosen.isEmpty() && choice.options().stream().noneMatch(option -> option.key().equals(chosen))) {
                throw new IllegalArgumentException("Report template " + template.name() + ": the value '" + chosen
                        + "' of <choice value=\"" + choice.value() + "\"> is none of its option keys "
                        + choice.options().stream().map(Option::key).collect(Collectors.joining(", ")));
            }
            boolean first = true;
            for (Option option : choice.options()) {
                if (!first) {
                    phrase.add(new Chunk(OPTION_GAP, fonts.value()));
                }
                first = false;
                Chunk mark = new Chunk(option.key().equals(chosen) ? CHECKED : UNCHECKED, fonts.mark());
                mark.setTextRise(-1.5f);
                phrase.add(mark);
                phrase.add(new Chunk(" " + fill(option.text(), within), fonts.value()));
            }
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

        private PdfPTable signatures(Signatures signatures) {
            float[] widths = new float[signatures.perLine() * 2];
            for (int i = 0; i < widths.length; i += 2) {
                widths[i] = 5;
                widths[i + 1] = 7;
            }
            PdfPTable pdf = new PdfPTable(widths);
            pdf.setWidthPercentage(100);
            pdf.setSpacingBefore(6);
            for (Signature signature : signatures.signatures()) {
                PdfPCell label = signatureCell(fill(signature.label()) + "：", Element.ALIGN_RIGHT);
                label.setBorder(Rectangle.NO_BORDER);
                label.setPaddingRight(2);
                pdf.addCell(label);
                PdfPCell line = signatureCell(fill(signature.value()), Element.ALIGN_LEFT);
                line.setBorder(Rectangle.BOTTOM);
                line.setBorderWidth(0.5f);
                pdf.addCell(line);
            }
            pdf.completeRow();
            return pdf;
        }

        /** A cell of a signature line: taller than a table cell to leave room for handwriting. */
        private PdfPCell signatureCell(String text, int alignment) {
            PdfPCell cell = cell(text, valueFont, alignment);
            cell.setMinimumHeight(32);
            cell.setVerticalAlignment(Element.ALIGN_BOTTOM);
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
