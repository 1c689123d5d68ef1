package cn.healthcard.processadmin;

import cn.healthcard.workflow.ProcessDeployments;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes as deployed (BPM-05): every process with its versions, running instances per version and whether
 * the shipped file of {@code processes/} or an admin's change is the latest; the XML of a version (export).
 */
@Service
public class ProcessAdminService {

    /** {@link ProcessVersions.Version#source()} of a version from the start-up deployment of {@code processes/}. */
    public static final String SHIPPED = "shipped";
    /** {@link ProcessVersions.Version#source()} of a version deployed through a reviewed change. */
    public static final String ADMIN = "admin";

    private final ProcessDeployments deployments;

    ProcessAdminService(ProcessDeployments deployments) {
        this.deployments = deployments;
    }

    /** Every process, by key, with its versions newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessVersions> processes() {
        Map<String, List<ProcessDeployments.Definition>> byKey = new LinkedHashMap<>();
        deployments.definitions().forEach(d -> byKey.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d));
        List<ProcessVersions> processes = new ArrayList<>();
        for (var entry : byKey.entrySet()) {
            ProcessDeployments.Definition newest = entry.getValue().get(0);
            List<ProcessVersions.Version> versions = entry.getValue().stream().map(d -> new ProcessVersions.Version(
                    d.id(), d.version(), d.deploymentId(), source(d), d.deployedAt(), d.runningInstances(),
                    d == newest)).toList();
            processes.add(new ProcessVersions(entry.getKey(), newest.name(), versions,
                    SHIPPED.equals(versions.get(0).source())));
        }
        return processes;
    }

    /** The BPMN XML of one deployed version (export; 404 when there is none). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public String xml(String definitionId) {
        return deployments.xml(definitionId);
    }

    private static String source(ProcessDeployments.Definition d) {
        return ProcessDeployments.SOURCE.equals(d.source()) ? ADMIN : SHIPPED;
    }
}
