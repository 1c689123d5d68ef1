package cn.healthcard.report;

import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.EngineContext;
import org.thymeleaf.context.IContext;
import org.thymeleaf.context.IEngineContext;
import org.thymeleaf.context.IEngineContextFactory;
import org.thymeleaf.engine.TemplateData;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.xhtmlrenderer.pdf.DefaultPDFCreationListener;
import org.xhtmlrenderer.pdf.ITextRenderer;

/**
 * Prints a document from its template {@code reports/<name>.html}: an XHTML page with Thymeleaf attributes, filled
 * by a standalone {@link TemplateEngine} and laid out by Flying Saucer, which draws it with OpenPDF (decision 021).
 * <p>
 * The CSS of the page ({@code reports/report.css} and the page's own {@code <style>}) sets the page size and
 * orientation ({@code @page}), the tables and the running footer. The embedded Chinese font ({@link CjkFont}) is the
 * family {@value #FONT_FAMILY}. Every value is a text printed as text ({@code th:text} escapes it); a variable the
 * template names but the program does not supply makes printing fail with a message naming it, so a placeholder is
 * never printed blank by mistake. Images are given as PNG or JPEG bytes and reach the template as {@code data:} URIs
 * ({@code th:src="${qr}"}).
 */
final class ReportRenderer {

    /** The PDF's creator entry. */
    static final String CREATOR = PdfTemplateRenderer.CREATOR;

    /** The font family of the embedded Chinese font in the templates' CSS. */
    static final String FONT_FAMILY = "WenQuanYi Micro Hei";

    /** The variable with the time of printing, always supplied. */
    static final String GENERATED_AT = "generatedAt";

    private static final String FOLDER = "reports/";
    private static final String SUFFIX = ".html";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Clock clock;
    private final TemplateEngine engine;

    ReportRenderer(Clock clock) {
        this.clock = clock;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
        resolver.setPrefix(FOLDER);
        resolver.setSuffix(SUFFIX);
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        this.engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEngineContextFactory(new StrictContextFactory());
    }

    /** Prints a template that needs texts only. */
    byte[] render(String template, Map<String, String> values) {
        return render(template, values, Map.of(), Map.of());
    }

    /** Prints a template with texts and lists of rows (each row a map of texts, e.g. for {@code th:each}). */
    byte[] render(String template, Map<String, String> values, Map<String, List<Map<String, String>>> lists) {
        return render(template, values, lists, Map.of());
    }

    /**
     * Prints a template.
     *
     * @param template the template's name, e.g. {@code pickup-receipt} for {@code reports/pickup-receipt.html}
     * @param values   the texts by variable name
     * @param lists    the lists of rows by variable name
     * @param images   PNG or JPEG bytes by variable name, given to the template as {@code data:} URIs
     * @return the PDF
     * @throws IllegalArgumentException for an unknown template, a variable the template needs but is not given, a
     *                                  name given twice, or image bytes that are no PNG or JPEG
     */
    byte[] render(String template, Map<String, String> values, Map<String, List<Map<String, String>>> lists,
                  Map<String, byte[]> images) {
        URL location = locate(template);
        Map<String, Object> variables = new HashMap<>();
        variables.put(GENERATED_AT, ReportFormats.dateTime(LocalDateTime.now(clock)));
        variables.putAll(values);
        lists.forEach((name, rows) -> put(template, variables, name, rows));
        images.forEach((name, bytes) -> put(template, variables, name, dataUri(template, name, bytes)));
        String xhtml = fill(template, variables);
        return print(xhtml, location);
    }

    private static URL locate(String template) {
        if (template == null || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("Invalid report template name: " + template);
        }
        URL url = ReportRenderer.class.getClassLoader().getResource(FOLDER + template + SUFFIX);
        if (url == null) {
            throw new IllegalArgumentException("No report template '" + template + "' (" + FOLDER + template + SUFFIX
                    + " is not on the classpath)");
        }
        return url;
    }

    private static void put(String template, Map<String, Object> variables, String name, Object value) {
        if (variables.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("Report " + template + ": the name '" + name + "' is given twice");
        }
    }

    private String fill(String template, Map<String, Object> variables) {
        try {
            return engine.process(template, new Context(Locale.SIMPLIFIED_CHINESE, variables));
        } catch (TemplateProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MissingValueException missing) {
                    throw new IllegalArgumentException(missing.getMessage() + where(e), e);
                }
            }
            throw new IllegalArgumentException("Report template " + template + " cannot be filled: " + e.getMessage(),
                    e);
        }
    }

    private static String where(TemplateProcessingException e) {
        return e.getLine() == null ? "" : " (" + e.getTemplateName() + ".html, line " + e.getLine() + ")";
    }

    private static byte[] print(String xhtml, URL location) {
        ITextRenderer renderer = new ITextRenderer();
        renderer.getFontResolver().addFont(CjkFont.BASE, CjkFont.RESOURCE, FONT_FAMILY);
        renderer.setListener(new DefaultPDFCreationListener() {
            @Override
            public void preWrite(ITextRenderer iTextRenderer, int pageCount) {
                iTextRenderer.getWriter().getInfo().put(PdfName.CREATOR,
                        new PdfString(CREATOR, PdfObject.TEXT_UNICODE));
            }
        });
        renderer.setDocumentFromString(xhtml, location.toExternalForm());
        renderer.layout();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.createPDF(out);
        return out.toByteArray();
    }

    private static String dataUri(String template, String name, byte[] bytes) {
        String type = bytes != null && bytes.length > 3 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P'
                ? "image/png"
                : bytes != null && bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                ? "image/jpeg" : null;
        BufferedImage image;
        try {
            image = type == null ? null : ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new IllegalArgumentException("Report " + template + ": the image '" + name
                    + "' is not a readable PNG or JPEG");
        }
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A variable the template names but the program did not supply. */
    private static final class MissingValueException extends RuntimeException {
        MissingValueException(String template, String name) {
            super("Report template " + template + " needs the value '" + name + "' (${" + name + "}), which was "
                    + "not supplied");
        }
    }

    /** Engine contexts whose variables must exist: reading one that was not supplied fails, naming it. */
    private static final class StrictContextFactory implements IEngineContextFactory {
        @Override
        public IEngineContext createEngineContext(IEngineConfiguration configuration, TemplateData templateData,
                                                  Map<String, Object> templateResolutionAttributes, IContext context) {
            Map<String, Object> variables = new HashMap<>();
            for (String name : context.getVariableNames()) {
                variables.put(name, context.getVariable(name));
            }
            return new EngineContext(configuration, templateData, templateResolutionAttributes, context.getLocale(),
                    variables) {
                @Override
                public Object getVariable(String key) {
                    if (!containsVariable(key)) {
                        throw new MissingValueException(getTemplateStack().get(0).getTemplate(), key);
                    }
                    return super.getVariable(key);
                }
            };
        }
    }

}
