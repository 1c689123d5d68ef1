package cn.healthcard.production.internal;

import cn.healthcard.production.ProductionOrders;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scheduled production job runs as SYSTEM in its own application's security strategy, also when another application
 * context in the same JVM (the suite's PostgreSQL context) has installed its strategy into the JVM-wide holder — the
 * cause of the repeated "batch … not finished now … An Authentication object was not found" warnings.
 */
@IntegrationTest
class SystemJobIT {

    @Autowired SystemJob system;
    @Autowired ProductionOrders orders;
    @Autowired SecurityContextHolderStrategy own;

    @Test
    @DisplayName("BPM-04: a production job's pass is SYSTEM for method security although another context's strategy "
            + "holds the JVM-wide security context")
    void runsAsSystemInItsOwnStrategy() {
        SecurityContextHolderStrategy foreign = new SecurityContextHolderStrategy() {
            private final ThreadLocal<org.springframework.security.core.context.SecurityContext> held =
                    ThreadLocal.withInitial(org.springframework.security.core.context.SecurityContextImpl::new);

            public void clearContext() {
                held.remove();
            }

            public org.springframework.security.core.context.SecurityContext getContext() {
                return held.get();
            }

            public void setContext(org.springframework.security.core.context.SecurityContext context) {
                held.set(context);
            }

            public org.springframework.security.core.context.SecurityContext createEmptyContext() {
                return new org.springframework.security.core.context.SecurityContextImpl();
            }
        };
        SecurityContextHolder.setContextHolderStrategy(foreign);
        try {
            // what the jobs did before: SYSTEM in the JVM-wide holder only, refused by this context's method security
            assertThatThrownBy(() -> SecurityContextUsers.runAsSystem(() -> orders.ofCase("no-such-case")))
                    .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
            AtomicReference<Object> answer = new AtomicReference<>();
            system.run(() -> answer.set(orders.ofCase("no-such-case")));
            assertThat(answer.get()).isEqualTo(java.util.Optional.empty());
            // both restored afterwards
            assertThat(own.getContext().getAuthentication()).isNull();
            assertThat(foreign.getContext().getAuthentication()).isNull();
        } finally {
            SecurityContextHolder.setContextHolderStrategy(own);
        }
    }
}
