package cn.healthcard.workflow.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine API allow-list on its own (docs/decisions/018): both entrances, the engine REST API and the webapps'. */
class EngineApiAllowListTest {

    @ParameterizedTest(name = "SEC-01 refused: {0} {1}")
    @DisplayName("SEC-01 BPM-02 the dangerous engine calls are refused on every entrance")
    @CsvSource({
            "POST, /engine-rest/task/abc/complete",
            "POST, /engine-rest/task/abc/submit-form",
            "POST, /engine-rest/task/abc/resolve",
            "POST, /engine-rest/task/abc/claim",
            "POST, /engine-rest/task/abc/assignee",
            "PUT, /engine-rest/task/abc",
            "POST, /engine-rest/task/create",
            "POST, /engine-rest/engine/default/task/abc/complete",
            "POST, /camunda/api/engine/engine/default/task/abc/complete",
            "POST, /camunda/api/engine/engine/default/task/abc/submit-form",
            "POST, /engine-rest/deployment/create",
            "POST, /camunda/api/engine/engine/default/deployment/create",
            "DELETE, /engine-rest/deployment/d1",
            "PUT, /engine-rest/process-instance/p1/variables/regionCode",
            "POST, /engine-rest/process-instance/p1/variables",
            "DELETE, /engine-rest/process-instance/p1/variables/regionCode",
            "PUT, /camunda/api/engine/engine/default/process-instance/p1/variables/regionCode",
            "PUT, /engine-rest/execution/e1/localVariables/x",
            "POST, /engine-rest/process-instance/p1/modification",
            "POST, /engine-rest/process-instance/p1/modification-async",
            "POST, /engine-rest/modification/execute",
            "POST, /engine-rest/migration/execute",
            "DELETE, /engine-rest/process-instance/p1",
            "POST, /engine-rest/process-instance/delete",
            "POST, /engine-rest/process-definition/key/card-application/start",
            "POST, /engine-rest/message",
            "POST, /engine-rest/signal",
            "POST, /engine-rest/job/j1/execute",
            "POST, /engine-rest/history/cleanup",
            "POST, /engine-rest/history/process-instance/delete",
            "POST, /engine-rest/user/create",
            "POST, /engine-rest/authorization/create",
            "PUT, /engine-rest/group/camunda-admin/members/clerk",
            "POST, /engine-rest/external-task/fetchAndLock",
            "POST, /engine-rest/decision-definition/key/x/evaluate",
            "GET, /camunda/app/tasklist/default/",
            "GET, /camunda/api/tasklist/plugin/tasklist-plugin/static/app/plugin.js",
            "POST, /camunda/api/admin/setup/default/user/create",
            "POST, /engine-rest/task/abc/%63omplete",
    })
    void refused(String method, String path) {
        assertThat(EngineApiAllowList.allows(method, path)).isFalse();
    }

    @ParameterizedTest(name = "SEC-01 allowed: {0} {1}")
    @DisplayName("SEC-01 what operators need stays: reading, queries, incidents' job retries, suspension")
    @CsvSource({
            "GET, /engine-rest/process-definition",
            "GET, /engine-rest/engine",
            "GET, /engine-rest/incident",
            "GET, /engine-rest/task/abc/variables",
            "GET, /engine-rest/engine/default/history/process-instance",
            "POST, /engine-rest/process-instance",
            "POST, /engine-rest/process-instance/count",
            "POST, /engine-rest/history/process-instance",
            "POST, /engine-rest/history/process-instance/count",
            "PUT, /engine-rest/job/j1/retries",
            "POST, /engine-rest/job/retries",
            "PUT, /engine-rest/process-instance/p1/suspended",
            "GET, /camunda/api/engine/engine/",
            "GET, /camunda/api/engine/engine/default/incident",
            "PUT, /camunda/api/engine/engine/default/job/j1/retries",
            "POST, /camunda/api/engine/engine/default/history/process-instance",
            "GET, /camunda/api/admin/auth/user/default",
            "GET, /camunda/api/cockpit/plugin/base/default/process-definition/statistics",
            "POST, /camunda/api/cockpit/plugin/base/default/process-instance",
            "POST, /camunda/api/cockpit/plugin/base/default/process-instance/count",
            "POST, /camunda/api/admin/auth/user/default/logout",
            "GET, /camunda/app/cockpit/default/",
            "POST, /api/v1/card-applications",
    })
    void allowed(String method, String path) {
        assertThat(EngineApiAllowList.allows(method, path)).isTrue();
    }
}
