package cn.healthcard.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * The engine of the fast process tests: in-memory H2, full history, no job executor (tests run jobs themselves), and
 * delegate expressions resolved from {@code Mocks} — so a test sees the BPMN as deployed, without Spring.
 */
public final class InMemoryProcessEngine {

    private InMemoryProcessEngine() {
    }

    /** An engine with its own name and database, so test classes never share state. */
    public static ProcessEngine build(String name) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setExpressionManager(new MockExpressionManager());
        return configuration.buildProcessEngine();
    }
}
