package cn.healthcard.workflow;

import cn.healthcard.common.AuditableEvent;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A deployment reached the process engine (BPM-05, SEC-03, docs/decisions/018): at start-up from {@code processes/},
 * through {@link ProcessDeployments}, or any other way. Who did it is the signed-in user (the system at start-up).
 *
 * @param deploymentId the engine's deployment id
 * @param name         the deployment's name
 * @param source       the engine's deployment source (e.g. {@code process application}, {@code healthcard-admin})
 * @param resources    resource name → SM3 of its bytes (hex), so the exact content can be checked later
 */
public record ProcessDeployed(String deploymentId, String name, String source, Map<String, String> resources)
        implements AuditableEvent {

    @Override
    public String subjectType() {
        return "Deployment";
    }

    @Override
    public String subjectId() {
        return deploymentId;
    }

    @Override
    public String regionCode() {
        return null;
    }

    @Override
    public String detail() {
        String detail = "name=" + name + " source=" + source + " resources=" + resources.entrySet().stream()
                .map(e -> e.getKey() + " sm3=" + e.getValue()).collect(Collectors.joining(", ", "[", "]"));
        return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
    }
}
