package cn.healthcard.audit.ui;

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
 * Runs the long audit operations of a screen (verifying the whole chain, rebuilding the index) off the UI thread, as
 * the signed-in user and from the same channel: the service's role checks and the audit entry see who asked. Two
 * threads: a verification and a rebuild may run side by side; more wait their turn.
 */
@Component
class AuditBackgroundTasks implements DisposableBean {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "audit-ui-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Must be called on the UI thread (it takes the caller's identity and channel). */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        AuditChannel channel = AuditChannel.current();
        return CompletableFuture.supplyAsync(() -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(user);
            SecurityContextHolder.setContext(context);
            channel.enter();
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
