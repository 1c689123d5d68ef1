package cn.healthcard.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A screen upload's size limit (the institution import's, INT-01; the filing desk's attachments, FIL-01) holds on
 * the server, whatever the browser checked: requests are made as
 * Vaadin's {@code TransferUtil} hands them to the handler, without a browser.
 */
class BoundedUploadTest {

    private static final int MAX = 1024;

    private final List<String> calls = new ArrayList<>();
    private final List<byte[]> received = new ArrayList<>();
    private final BoundedUpload handler = new BoundedUpload(MAX, new BoundedUpload.Receiver() {
        @Override
        public void received(UploadMetadata file, byte[] data) {
            calls.add("received " + file.fileName());
            received.add(data);
        }

        @Override
        public void tooLarge(UploadMetadata file) {
            calls.add("tooLarge " + file.fileName());
        }
    });

    @Test
    @DisplayName("INT-01 FIL-01: a file of exactly the limit reaches the import whole")
    void atTheLimit() throws IOException {
        byte[] file = new byte[MAX];
        Arrays.fill(file, (byte) 'a');
        VaadinResponse response = mock(VaadinResponse.class);

        handle(event("institutions.csv", MAX, new ByteArrayInputStream(file)), response);

        assertThat(calls).containsExactly("received institutions.csv");
        assertThat(received.get(0)).isEqualTo(file);
        verify(response).setStatus(200);
    }

    @Test
    @DisplayName("INT-01 FIL-01: a raw (not multipart) request body over the limit, its length unknown, is read only to the limit and one byte more, refused with 413 and never imported")
    void rawBodyOverTheLimit() throws IOException {
        Endless body = new Endless();
        VaadinResponse response = mock(VaadinResponse.class);

        handle(event("unknown", -1, body), response);

        assertThat(calls).containsExactly("tooLarge unknown");
        assertThat(received).isEmpty();
        assertThat(body.read).as("bytes read of an endless body").isEqualTo(MAX + 1);
        assertThat(body.closed).isTrue();
        verify(response).setStatus(413);
    }

    @Test
    @DisplayName("INT-01 FIL-01: a request whose length it says is small but whose body is larger is refused all the same")
    void lyingLength() throws IOException {
        Endless body = new Endless();
        VaadinResponse response = mock(VaadinResponse.class);

        handle(event("institutions.csv", 10, body), response);

        assertThat(calls).containsExactly("tooLarge institutions.csv");
        assertThat(body.read).isEqualTo(MAX + 1);
        verify(response).setStatus(413);
    }

    @Test
    @DisplayName("INT-01 FIL-01: a file that says it is over the limit is refused without reading it")
    void declaredOverTheLimit() throws IOException {
        Endless body = new Endless();
        VaadinResponse response = mock(VaadinResponse.class);

        handle(event("institutions.xlsx", MAX + 1, body), response);

        assertThat(calls).containsExactly("tooLarge institutions.xlsx");
        assertThat(body.read).isZero();
        verify(response).setStatus(413);
    }

    @Test
    @DisplayName("INT-01 FIL-01: a refusal does not stick to the next upload on the same thread")
    void refusalDoesNotLeak() throws IOException {
        handle(event("big.csv", -1, new Endless()), mock(VaadinResponse.class));
        VaadinResponse next = mock(VaadinResponse.class);

        handle(event("small.csv", 3, new ByteArrayInputStream(new byte[3])), next);

        assertThat(calls).containsExactly("tooLarge big.csv", "received small.csv");
        verify(next).setStatus(200);
    }

    /** As {@code TransferUtil.handleUpload} does: the handler, then the response. */
    private void handle(UploadEvent event, VaadinResponse response) throws IOException {
        handler.handleUploadRequest(event);
        handler.responseHandled(true, response);
    }

    /** An upload as Vaadin builds it for a request that is not multipart: the body is the request's stream. */
    private static UploadEvent event(String fileName, long length, InputStream body) throws IOException {
        VaadinRequest request = mock(VaadinRequest.class);
        when(request.getInputStream()).thenReturn(body);
        UploadEvent event = spy(new UploadEvent(request, mock(VaadinResponse.class), mock(VaadinSession.class),
                fileName, length, "text/csv", null, null, null));
        UI ui = mock(UI.class);
        when(ui.access(any())).thenAnswer(call -> {
            call.<Command>getArgument(0).execute();
            return null;
        });
        doReturn(ui).when(event).getUI();
        return event;
    }

    /** A body that never ends, counting what was read of it. */
    private static final class Endless extends InputStream {
        long read;
        boolean closed;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
