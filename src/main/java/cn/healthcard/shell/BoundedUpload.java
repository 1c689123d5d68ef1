package cn.healthcard.shell;

import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * Receives an uploaded file into memory, but never more than {@code maxBytes} of it, whatever the browser was told
 * ({@code Upload.setMaxFileSize} is only checked in the browser) and whatever the request claims: Vaadin 24.9 reads a
 * request that is not multipart as the raw body, without a limit, and {@code UploadHandler.inMemory} keeps all of it.
 * Here at most {@code maxBytes + 1} bytes are read; a file larger than {@code maxBytes} (or one that says so in its
 * length) is refused with 413 and the screen is told, and nothing of it is kept. Every screen upload uses this
 * instead of {@code UploadHandler.inMemory}: the institution import and the filing desk's attachments.
 */
public final class BoundedUpload implements UploadHandler {

    /** What the screen does with an upload; called in the UI (session locked). */
    public interface Receiver extends Serializable {

        /** A file of at most the limit, whole. */
        void received(UploadMetadata file, byte[] data);

        /** A file over the limit: nothing of it is kept. */
        void tooLarge(UploadMetadata file);
    }

    /** Set between {@link #handleUploadRequest} and {@link #responseHandled} on the request's thread. */
    private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();

    private final int maxBytes;
    private final Receiver receiver;

    public BoundedUpload(long maxBytes, Receiver receiver) {
        if (maxBytes < 1 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes " + maxBytes);
        }
        this.maxBytes = (int) maxBytes;
        this.receiver = receiver;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        UploadMetadata file = new UploadMetadata(event.getFileName(), event.getContentType(), event.getFileSize());
        byte[] data = null;
        if (event.getFileSize() <= maxBytes) { // -1 when not known: read and count
            try (InputStream in = event.getInputStream()) {
                data = in.readNBytes(maxBytes + 1);
            }
        }
        if (data == null || data.length > maxBytes) {
            REFUSED.set(Boolean.TRUE);
            event.getUI().access(() -> receiver.tooLarge(file));
            return;
        }
        byte[] whole = data;
        event.getUI().access(() -> receiver.received(file, whole));
    }

    /** 413 for a refused file (the upload shows it failed), else as every handler. */
    @Override
    public void responseHandled(boolean success, VaadinResponse response) {
        boolean refused = Boolean.TRUE.equals(REFUSED.get());
        REFUSED.remove();
        if (success && refused) {
            response.setStatus(HttpStatusCode.REQUEST_ENTITY_TOO_LARGE.getCode());
        } else {
            UploadHandler.super.responseHandled(success, response);
        }
    }
}
