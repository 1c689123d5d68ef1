package cn.healthcard.supervision.export;

import cn.healthcard.audit.AuditChannel;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs background exports on {@code healthcard.export.workers} threads (default 2: a large export is disk- and
 * CPU-bound and the cores are shared with the users' requests, but one heavy job must not hold every other user's
 * behind it; more jobs wait their turn, each bounded by the job deadline), each as the user who asked for it and from
 * the same channel, so the statistics service's role checks and region scope and the audit entry see who it is.
 */
@Component
class ExportRunner implements DisposableBean {

    private final ExecutorService executor;

    ExportRunner(@Value("${healthcard.export.workers:2}") int workers) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "supervision-export-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Must be called on the requesting thread (it takes the caller's identity and channel). */
    Future<?> submit(Runnable work) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        AuditChannel channel = AuditChannel.current();
        return executor.submit(() -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(user);
            SecurityContextHolder.setContext(context);
            channel.enter();
            try {
                work.run();
            } finally {
                SecurityContextHolder.clearContext();
                AuditChannel.clear();
            }
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
