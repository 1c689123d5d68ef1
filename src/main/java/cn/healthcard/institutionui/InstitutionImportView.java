package cn.healthcard.institutionui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.institution.ImportProgress;
import cn.healthcard.institution.ImportReport;
import cn.healthcard.institution.InstitutionImport;
import cn.healthcard.institution.InstitutionRow;
import cn.healthcard.report.TableExport;
import cn.healthcard.shell.BoundedUpload;
import cn.healthcard.shell.MainLayout;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadMetadata;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * 「机构导入」 (INT-01): an admin uploads a CSV or Excel file from the regional health platform; while the service
 * reads and checks it, a progress bar follows its reports (the screen polls); then the per-row report — accepted,
 * rejected with the column and the reason, duplicate — in a grid, downloadable as Excel. All or nothing: with a
 * rejected row nothing is written, and the screen says so. The template file is a download here.
 */
@Route(value = "institutions/import", layout = MainLayout.class)
@RolesAllowed("ADMIN")
class InstitutionImportView extends VerticalLayout implements HasDynamicTitle {

    /** The template of an import file, {@code docs/examples/institution-import.csv} on the classpath. */
    static final String TEMPLATE = "examples/institution-import.csv";
    private static final int POLL_MILLIS = 300;

    private final InstitutionImport imports;
    private final ImportRunner runner;

    private final Upload upload;
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final VerticalLayout running = new VerticalLayout();
    private final Paragraph summary = new Paragraph();
    private final Paragraph error = new Paragraph();
    private final Checkbox problemsOnly = new Checkbox();
    private final Grid<ImportReport.RowResult> grid = new Grid<>();
    private final HorizontalLayout reportBar = new HorizontalLayout();
    private ImportReport report;

    InstitutionImportView(InstitutionImport imports, ImportRunner runner) {
        this.imports = imports;
        this.runner = runner;
        setSizeFull();
        var back = new RouterLink(getTranslation("inst.back"), InstitutionsView.class);
        back.setId("inst-back");
        add(new H2(getTranslation("inst.import.title")), back);
        var note = new Paragraph(getTranslation("inst.import.note", String.join("、", InstitutionRow.HEADERS),
                InstitutionImport.MAX_ROWS));
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        var template = new Anchor(DownloadHandler.forClassResource(InstitutionImportView.class, "/" + TEMPLATE,
                "institution-import.csv"), getTranslation("inst.import.template"));
        template.addComponentAsFirst(Labels.smallIcon(VaadinIcon.DOWNLOAD));
        template.setId("inst-import-template");
        template.setTarget("_blank");
        add(note, template);

        upload = new Upload(new BoundedUpload(InstitutionImport.MAX_BYTES, new BoundedUpload.Receiver() {
            @Override
            public void received(UploadMetadata file, byte[] data) {
                InstitutionImportView.this.received(file, data);
            }

            @Override
            public void tooLarge(UploadMetadata file) {
                showError(getTranslation("inst.import.tooLarge", InstitutionImport.MAX_BYTES / 1024 / 1024));
            }
        }));
        upload.setId("inst-import-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) InstitutionImport.MAX_BYTES); // the browser's check; BoundedUpload's is the one that counts
        upload.setAcceptedFileTypes(".csv", ".xlsx", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        if (!Labels.english(getLocale())) {
            upload.setI18n(chineseUploadTexts());
        }
        upload.addFileRejectedListener(e -> showError(getTranslation("inst.import.rejectedFile",
                InstitutionImport.MAX_BYTES / 1024 / 1024)));
        var uploadBox = new VerticalLayout(upload);
        uploadBox.setId("inst-import");
        uploadBox.setPadding(false);
        add(uploadBox);

        progress.setId("inst-import-progress");
        progress.setWidth("30em");
        progressText.setId("inst-import-progress-text");
        running.add(progressText, progress);
        running.setPadding(false);
        running.setVisible(false);
        error.setId("inst-import-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        summary.setId("inst-import-summary");
        summary.getStyle().set("font-weight", "600");
        add(running, error, summary);

        problemsOnly.setLabel(getTranslation("inst.import.problemsOnly"));
        problemsOnly.setId("inst-import-problems");
        problemsOnly.addValueChangeListener(e -> showRows());
        reportBar.setAlignItems(FlexComponent.Alignment.CENTER);
        reportBar.setVisible(false);
        add(reportBar);

        grid.setId("inst-import-report");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(ImportReport.RowResult::rowNumber).setHeader(getTranslation("inst.import.col.row"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Labels.orDash(r.code())).setHeader(getTranslation("inst.field.code")).setAutoWidth(true);
        grid.addColumn(r -> Labels.english(getLocale()) ? r.outcome().nameEn() : r.outcome().nameZh())
                .setHeader(getTranslation("inst.import.col.outcome")).setAutoWidth(true);
        grid.addColumn(r -> Labels.orDash(r.column())).setHeader(getTranslation("inst.import.col.column"))
                .setAutoWidth(true);
        grid.addColumn(r -> Labels.orDash(r.reason())).setHeader(getTranslation("inst.import.col.reason"))
                .setFlexGrow(1);
        grid.setClassNameGenerator(r -> r.outcome() == ImportReport.Outcome.REJECTED ? "rejected" : null);
        grid.setVisible(false);
        add(grid);
        expand(grid);
    }

    /**
     * The upload arrived, at most {@link InstitutionImport#MAX_BYTES} (on the request thread, with the session locked):
     * import it in the background. The file stays listed in the upload; removing it there makes room for the next
     * one.
     */
    private void received(UploadMetadata metadata, byte[] data) {
        UI ui = UI.getCurrent();
        String fileName = metadata.fileName();
        error.setVisible(false);
        summary.setText("");
        reportBar.setVisible(false);
        grid.setVisible(false);
        running.setVisible(true);
        progress.setIndeterminate(true);
        progressText.setText(getTranslation("inst.import.phase.READING", fileName));
        ui.setPollInterval(POLL_MILLIS);
        runner.submit(() -> {
            try (InputStream in = new ByteArrayInputStream(data)) {
                return imports.importFile(fileName, in, p -> progress(ui, fileName, p));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((result, failure) -> {
            try {
                ui.access(() -> finished(ui, result, failure));
            } catch (UIDetachedException gone) {
                // the window was closed; the import is in the register and the audit log all the same
            }
        });
    }

    private void progress(UI ui, String fileName, ImportProgress p) {
        try {
            ui.access(() -> {
                progress.setIndeterminate(p.phase() == ImportProgress.Phase.READING);
                progress.setValue(p.fraction());
                progressText.setText(p.phase() == ImportProgress.Phase.READING
                        ? getTranslation("inst.import.phase.READING", fileName)
                        : getTranslation("inst.import.phase." + p.phase().name(), p.done(), p.total()));
            });
        } catch (UIDetachedException gone) {
            // no one is watching
        }
    }

    private void finished(UI ui, ImportReport result, Throwable failure) {
        ui.setPollInterval(-1);
        running.setVisible(false);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : failure;
            if (cause instanceof DomainValidationException invalid) {
                showError(String.join("；", invalid.violations().stream().map(FieldViolation::message).toList()));
            } else if (cause instanceof AccessDeniedException) {
                showError(getTranslation("inst.import.denied"));
            } else {
                showError(getTranslation("inst.import.failed", String.valueOf(cause.getMessage())));
            }
            return;
        }
        report = result;
        summary.setText(getTranslation(result.committed() ? "inst.import.committed" : "inst.import.notCommitted",
                result.total(), result.accepted(), result.rejected(), result.duplicates(), result.millis()));
        summary.getStyle().set("color", result.committed() ? "var(--lumo-success-text-color)"
                : "var(--lumo-error-text-color)");
        var download = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] xlsx = InstitutionDocuments.importReportXlsx(result, getLocale(), this::getTranslation);
            return new DownloadResponse(new ByteArrayInputStream(xlsx),
                    InstitutionDocuments.fileName(getTranslation("inst.import.file"), "xlsx"), TableExport.XLSX_TYPE,
                    xlsx.length);
        }), getTranslation("inst.import.download"));
        download.addComponentAsFirst(Labels.smallIcon(VaadinIcon.FILE_TABLE));
        download.setId("inst-import-download");
        download.setTarget("_blank");
        reportBar.removeAll();
        reportBar.add(problemsOnly, download);
        reportBar.setVisible(true);
        problemsOnly.setValue(!result.committed());
        showRows();
        grid.setVisible(true);
    }

    private void showRows() {
        if (report == null) {
            return;
        }
        List<ImportReport.RowResult> rows = problemsOnly.getValue()
                ? report.rows().stream().filter(r -> r.outcome() != ImportReport.Outcome.ACCEPTED).toList()
                : report.rows();
        grid.setItems(rows);
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    private static UploadI18N chineseUploadTexts() {
        var i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne("将 CSV 或 Excel 文件拖到此处").setMany("将文件拖到此处"));
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne("选择文件…").setMany("选择文件…"));
        i18n.setError(new UploadI18N.Error().setTooManyFiles("一次只能导入一个文件")
                .setFileIsTooBig("文件过大").setIncorrectFileType("只能导入 .csv 或 .xlsx 文件"));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status().setConnecting("正在连接…").setStalled("上传停滞")
                        .setProcessing("正在处理…").setHeld("排队中"))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime().setPrefix("剩余时间：")
                        .setUnknown("剩余时间未知"))
                .setError(new UploadI18N.Uploading.Error().setServerUnavailable("服务器不可用")
                        .setUnexpectedServerError("服务器错误").setForbidden("服务器拒绝了此文件")));
        i18n.setFile(new UploadI18N.File().setRetry("重试").setStart("开始").setRemove("删除"));
        i18n.setUnits(new UploadI18N.Units(List.of("B", "KB", "MB", "GB", "TB")));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("inst.import.title") + " · " + getTranslation("app.title");
    }
}
