package cn.healthcard.filing.ui;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.filing.AttachmentKind;
import cn.healthcard.filing.FilingApplication;
import cn.healthcard.filing.FilingService;
import cn.healthcard.filing.ManufacturerRegistration;
import cn.healthcard.filing.ManufacturerService;
import cn.healthcard.filing.NewAttachment;
import cn.healthcard.filing.ProductType;
import cn.healthcard.filing.ProviderType;
import cn.healthcard.shell.BoundedUpload;
import cn.healthcard.shell.MainLayout;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.form.FieldComponentRegistry;
import cn.healthcard.workflow.form.FormDefinition;
import cn.healthcard.workflow.form.FormRenderer;
import cn.healthcard.workflow.form.RenderedForm;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadMetadata;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The national centre's desk (FIL-01): enters an application on a manufacturer's behalf with forms/filing.form and the
 * two kinds of attachment (uploaded in memory, checked again by the service), and records a manufacturer.
 */
@Route(value = "filings/new", layout = MainLayout.class)
@RolesAllowed({"CLERK", "ADMIN"})
class FilingDeskView extends VerticalLayout implements HasDynamicTitle {

    /** The largest file the desk takes (the service's limit for files, FIL-01). */
    private static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    private final FilingService filings;
    /** The files received, by kind: the latest upload of each. */
    private final Map<AttachmentKind, NewAttachment> files = new LinkedHashMap<>();

    FilingDeskView(FilingService filings, ManufacturerService manufacturers) {
        this.filings = filings;
        add(new H2(getTranslation("filing.desk.title")));
        var renderer = new FormRenderer(new FilingOptions(manufacturers.list(), getLocale()),
                FieldComponentRegistry.standard(), getLocale());
        RenderedForm form = renderer.render(FormDefinition.load("filing"), Map.of());
        form.setId("filing-form");
        var certificate = upload(AttachmentKind.CERTIFICATE);
        var report = upload(AttachmentKind.TEST_REPORT);
        var fileErrors = new Span();
        fileErrors.setId("filing-file-errors");
        fileErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        form.addSubmitListener(e -> {
            FormValues v = FormValues.of(e.values());
            try {
                ProductType type = v.enumValue("productType", ProductType.class);
                var created = filings.submit(new FilingApplication(v.string("manufacturerId"), type,
                        v.string("model"), v.string("productVersion"), v.string("description"),
                        new ArrayList<>(files.values())));
                Notification.show(getTranslation("filing.desk.submitted", created.caseNo()), 6000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("filings/" + created.id()));
            } catch (DomainValidationException ex) {
                List<FieldViolation> rest = form.showErrors(ex.violations());
                fileErrors.setText(String.join("；", rest.stream().map(FieldViolation::message).toList()));
            } catch (ConflictException | AccessDeniedException | NotFoundException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        var uploads = new FormLayout();
        uploads.addFormItem(wrapped("filing-upload-certificate", certificate),
                getTranslation("filing.kind.CERTIFICATE"));
        uploads.addFormItem(wrapped("filing-upload-report", report), getTranslation("filing.kind.TEST_REPORT"));
        add(form, uploads, fileErrors, manufacturerForm(manufacturers));
    }

    private static com.vaadin.flow.component.html.Div wrapped(String id, Upload upload) {
        var div = new com.vaadin.flow.component.html.Div(upload);
        div.setId(id);
        return div;
    }

    private Upload upload(AttachmentKind kind) {
        var upload = new Upload(new BoundedUpload(MAX_FILE_BYTES, new BoundedUpload.Receiver() {
            @Override
            public void received(UploadMetadata meta, byte[] data) {
                files.put(kind, new NewAttachment(kind, meta.fileName(), meta.contentType(), data));
            }

            @Override
            public void tooLarge(UploadMetadata meta) {
                files.remove(kind);
                Notification.show(getTranslation("filing.upload.tooLarge", meta.fileName()), 8000,
                        Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        }));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_FILE_BYTES); // the browser's hint; BoundedUpload holds the limit on the server
        upload.setAcceptedFileTypes("application/pdf", "image/png", "image/jpeg", ".pdf", ".png", ".jpg", ".jpeg");
        upload.addFileRemovedListener(e -> files.remove(kind));
        return upload;
    }

    /** Recording a manufacturer, folded away: name, credit code, provider types, contact, the client it applies by. */
    private Details manufacturerForm(ManufacturerService manufacturers) {
        boolean en = FilingLabels.english(getLocale());
        var name = new TextField(getTranslation("filing.manufacturer.name"));
        name.setId("manufacturer-name");
        var code = new TextField(getTranslation("filing.manufacturer.creditCode"));
        code.setId("manufacturer-credit-code");
        var types = new CheckboxGroup<ProviderType>(getTranslation("filing.manufacturer.types"));
        types.setItems(ProviderType.values());
        types.setItemLabelGenerator(t -> en ? t.nameEn() : t.nameZh());
        types.setId("manufacturer-types");
        var contact = new TextField(getTranslation("filing.manufacturer.contact"));
        var phone = new TextField(getTranslation("filing.manufacturer.phone"));
        var client = new TextField(getTranslation("filing.manufacturer.client"));
        var save = new Button(getTranslation("filing.manufacturer.save"), e -> {
            try {
                var m = manufacturers.register(new ManufacturerRegistration(name.getValue(), code.getValue(),
                        types.getValue().isEmpty() ? EnumSet.noneOf(ProviderType.class)
                                : EnumSet.copyOf(types.getValue()), contact.getValue(), phone.getValue(),
                        client.getValue()));
                Notification.show(getTranslation("filing.manufacturer.saved", m.name()), 5000,
                        Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.getPage().reload());
            } catch (DomainValidationException ex) {
                Notification.show(String.join("；", ex.violations().stream().map(FieldViolation::message).toList()),
                        8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
            } catch (ConflictException | AccessDeniedException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        var layout = new FormLayout(name, code, types, contact, phone, client, save);
        return new Details(getTranslation("filing.manufacturer.new"), layout);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("filing.desk.title") + " · " + getTranslation("app.title");
    }
}
