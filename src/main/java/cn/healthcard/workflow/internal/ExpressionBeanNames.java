package cn.healthcard.workflow.internal;

import java.util.Set;

/** The names BPMN expressions may use (see {@link ProcessExpressionBeans}). */
public interface ExpressionBeanNames {

    Set<String> names();

    /** Those of {@link #names()} that are {@code JavaDelegate}s. */
    Set<String> delegateNames();
}
