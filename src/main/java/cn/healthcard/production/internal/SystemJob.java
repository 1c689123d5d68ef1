package cn.healthcard.production.internal;

import cn.healthcard.security.SecurityContextUsers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs a pass of a scheduled production job as SYSTEM, explicitly in this application's own security context strategy
 * as well as in the JVM-wide {@link SecurityContextHolder}. Method security reads the strategy bean of its own
 * application context; {@link SecurityContextUsers#runAsSystem} writes the JVM-wide holder. In one application they are
 * the same object; where a second application context in the same JVM has installed its strategy into the holder (the
 * test suite's H2 and PostgreSQL contexts), a job of the first would otherwise run without an authentication and be
 * refused ("An Authentication object was not found") on every pass.
 */
@Component
public class SystemJob {

    private final ObjectProvider<SecurityContextHolderStrategy> ownStrategy;

    SystemJob(ObjectProvider<SecurityContextHolderStrategy> ownStrategy) {
        this.ownStrategy = ownStrategy;
    }

    /** Runs {@code pass} as SYSTEM in both places, restoring both afterwards. */
    public void run(Runnable pass) {
        SecurityContextUsers.runAsSystem(() -> {
            SecurityContextHolderStrategy own = ownStrategy.getIfUnique();
            if (own == null || own == SecurityContextHolder.getContextHolderStrategy()) {
                pass.run();
                return;
            }
            SecurityContext previous = own.getContext();
            own.setContext(SecurityContextHolder.getContext());
            try {
                pass.run();
            } finally {
                own.setContext(previous);
            }
        });
    }
}
