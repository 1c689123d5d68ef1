package cn.healthcard.support;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Tests use two application contexts (H2 and PostgreSQL), and each installs its own Vaadin-aware security context
 * strategy into the JVM-wide {@link SecurityContextHolder}. Before each test this points the holder back at the
 * strategy of the test's own context, as it is in production where only one context exists.
 */
public class SecurityStrategyAlignment extends AbstractTestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }
}
