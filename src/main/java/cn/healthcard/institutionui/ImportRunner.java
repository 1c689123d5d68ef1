package cn.healthcard.institutionui;

import cn.healthcard.audit.AuditChannel;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs an import off the request thread, as the user who uploaded the file and from the screen's channel, so the
 * service's role and region checks and the audit entry see who did it, while the screen shows the progress. One
 * thread: imports of several admins run one after another (each is one transaction over up to 20 000 rows).
 */
@Component
class ImportRunner implements DisposableBean {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "institution-import-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Must be called on a thread that carries the user's security context (the upload request or the UI). */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return CompletableFuture.supplyAsync(() -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(user);
            SecurityContextHolder.setContext(context);
            AuditChannel.UI.enter();
            try {
                return work.get();
            } finally {
                SecurityContextHolder.clearContext();
                AuditChannel.clear();
            }
        }, executor);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
