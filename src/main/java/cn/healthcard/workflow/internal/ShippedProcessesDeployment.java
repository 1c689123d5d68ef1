package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * How the shipped files in {@code processes/} and admins' versions coexist (decision 032): the start-up deployment
 * (Spring auto-deployment, name {@code SpringAutoDeployment}) deploys only the files that changed since its last
 * deployment ({@code deployChangedOnly}). An unchanged shipped file therefore never becomes a new version over an
 * admin's change; a shipped file that changed (a release) does, for its process only. Without this the starter
 * compares the whole set: one changed file would redeploy every process and put each shipped version over the
 * admins' ones.
 */
@Component
class ShippedProcessesDeployment extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration instanceof SpringProcessEngineConfiguration spring) {
            spring.setDeployChangedOnly(true);
        }
    }

    @Override
    public String toString() {
        return "ShippedProcessesDeployment";
    }
}
