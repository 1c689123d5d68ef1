package cn.healthcard.supervision.export;

import cn.healthcard.report.ChartSpec;
import cn.healthcard.shell.ScreenNotices;
import cn.healthcard.supervision.Measure;
import cn.healthcard.supervision.StatisticsFilter;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The export buttons of a supervision screen: CSV, Excel and PDF of the table the screen shows, for the filter it
 * shows (SUP-01…04, STAT-01). Up to {@value SupervisionExports#DIRECT_LIMIT} rows the file downloads at once; a larger
 * table becomes a background job whose progress the bar shows (polling once a second) until its file can be
 * downloaded here or from 「我的导出」. Every export is audited by {@link SupervisionExports}.
 * <pre>{@code
 * add(new ExportBar(exports, ExportScreen.ISSUING, this::filter, this::chartSpec));
 * }</pre>
 * Element ids: {@code <screen>-export-csv}, {@code -xlsx}, {@code -pdf}, the progress {@code <screen>-export-progress},
 * the finished job's link {@code <screen>-export-file}.
 */
public class ExportBar extends HorizontalLayout {

    static final int POLL_MILLIS = 1000;

    private final SupervisionExports exports;
    private final ExportScreen screen;
    private final Supplier<StatisticsFilter> filter;
    private final Supplier<ChartSpec> chart;
    private Supplier<Measure> measure = () -> null;

    private final Anchor download = new Anchor();
    private final ProgressBar progress = new ProgressBar(0, 100);
    private final Span status = new Span();
    private final Anchor file = new Anchor();
    private UUID running;
    private Registration polling;

    /**
     * @param exports the export service
     * @param screen  the table exported
     * @param filter  the filter the screen shows (read at each click)
     * @param chart   the chart the screen shows, for the PDF (read at each PDF click); {@code null} prints no chart
     */
    public ExportBar(SupervisionExports exports, ExportScreen screen, Supplier<StatisticsFilter> filter,
                     Supplier<ChartSpec> chart) {
        this.exports = exports;
        this.screen = screen;
        this.filter = filter;
        this.chart = chart == null ? () -> null : chart;
        String id = screen.fileName() + "-export";
        setId(id);
        setAlignItems(FlexComponent.Alignment.CENTER);
        setSpacing(true);
        add(button(ExportFormat.CSV, "supervision.export.csv", VaadinIcon.FILE_TEXT_O, id + "-csv"),
                button(ExportFormat.XLSX, "supervision.export.xlsx", VaadinIcon.FILE_TABLE, id + "-xlsx"),
                button(ExportFormat.PDF, "supervision.export.pdf", VaadinIcon.PRINT, id + "-pdf"));
        download.setId(id + "-download");
        download.getElement().getStyle().set("display", "none");
        progress.setId(id + "-progress");
        progress.setWidth("10em");
        progress.setVisible(false);
        status.setId(id + "-status");
        file.setId(id + "-file");
        file.setVisible(false);
        add(download, progress, status, file,
                new RouterLink(getTranslation("supervision.export.mine"), ExportJobsView.class));
    }

    /** The case list's measure (for {@link ExportScreen#CASES}), read at each click. */
    public ExportBar withMeasure(Supplier<Measure> measure) {
        this.measure = measure;
        return this;
    }

    private Button button(ExportFormat format, String key, VaadinIcon icon, String id) {
        Button button = new Button(getTranslation(key), icon.create(), e -> export(format));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.setId(id);
        return button;
    }

    private void export(ExportFormat format) {
        if (running != null) {
            ScreenNotices.error(getTranslation("supervision.export.busy"));
            return;
        }
        ScreenNotices.attempt(() -> {
            ExportRequest request = new ExportRequest(screen, format, filter.get(), measure.get());
            SupervisionExports.Outcome outcome = exports.export(request, chart);
            if (outcome instanceof SupervisionExports.Ready ready) {
                deliver(ready);
            } else if (outcome instanceof SupervisionExports.Queued queued) {
                follow(queued.job());
            }
        });
    }

    /** Hands the file to the browser through the hidden link. */
    private void deliver(SupervisionExports.Ready ready) {
        byte[] body = ready.body();
        download.setHref(DownloadHandler.fromInputStream(e -> new DownloadResponse(new ByteArrayInputStream(body),
                ready.fileName(), ready.contentType(), body.length)));
        download.getElement().executeJs("this.click()");
    }

    private void follow(ExportJob job) {
        running = job.id();
        file.setVisible(false);
        progress.setVisible(true);
        progress.setValue(0);
        status.setText(getTranslation("supervision.export.queued", job.rowsTotal()));
        ScreenNotices.ok(getTranslation("supervision.export.background", job.rowsTotal()));
        startPolling();
    }

    private void startPolling() {
        getUI().ifPresent(ui -> {
            ui.setPollInterval(POLL_MILLIS);
            if (polling == null) {
                polling = ui.addPollListener(e -> refresh());
            }
        });
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }

    /** One poll: the job's progress, and its file once done. */
    void refresh() {
        if (running == null) {
            stopPolling();
            return;
        }
        ExportJob job;
        try {
            job = exports.job(running);
        } catch (RuntimeException e) {
            running = null;
            stopPolling();
            return;
        }
        progress.setValue(job.percent());
        status.setText(getTranslation("supervision.export.progress", job.rowsDone(), job.rowsTotal()));
        if (!job.status().open()) {
            running = null;
            stopPolling();
            progress.setVisible(false);
            if (job.status() == ExportStatus.DONE) {
                status.setText(getTranslation("supervision.export.done", job.rowsTotal()));
                file.setText(job.fileName());
                file.setHref(fileHandler(job.id()));
                file.setVisible(true);
            } else {
                status.setText(getTranslation("supervision.export.failed", ScreenNotices.orDash(job.error())));
            }
        }
    }

    /** The finished job's file, read when the link is followed (as the signed-in owner). */
    static DownloadHandler fileHandler(SupervisionExports exports, UUID id) {
        return DownloadHandler.fromInputStream(e -> {
            SupervisionExports.ExportFile f = exports.file(id);
            try {
                return new DownloadResponse(Files.newInputStream(f.path()), f.fileName(), f.contentType(),
                        f.size());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private DownloadHandler fileHandler(UUID id) {
        return fileHandler(exports, id);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (running != null) {
            startPolling();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    UUID running() {
        return running;
    }
}
