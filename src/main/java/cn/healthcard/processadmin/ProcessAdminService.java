package cn.healthcard.processadmin;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.workflow.ProcessDeployments;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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

    private final RepositoryService repository;
    private final RuntimeService runtime;

    ProcessAdminService(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /** Every process, by key, with its versions newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ProcessVersions> processes() {
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        repository.createDeploymentQuery().list().forEach(d -> deployments.put(d.getId(), d));
        Map<String, List<ProcessDefinition>> byKey = new LinkedHashMap<>();
        repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list()
                .forEach(d -> byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d));
        List<ProcessVersions> processes = new ArrayList<>();
        for (var entry : byKey.entrySet()) {
            List<ProcessVersions.Version> versions = new ArrayList<>();
            int latest = entry.getValue().stream().mapToInt(ProcessDefinition::getVersion).max().orElse(0);
            for (ProcessDefinition d : entry.getValue()) {
                Deployment deployment = deployments.get(d.getDeploymentId());
                versions.add(new ProcessVersions.Version(d.getId(), d.getVersion(), d.getDeploymentId(),
                        source(deployment), deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant(),
                        runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                        d.getVersion() == latest));
            }
            versions.sort(Comparator.comparingInt(ProcessVersions.Version::version).reversed());
            ProcessDefinition newest = entry.getValue().get(0);
            processes.add(new ProcessVersions(entry.getKey(), newest.getName() == null ? entry.getKey()
                    : newest.getName(), versions, SHIPPED.equals(versions.get(0).source())));
        }
        return processes;
    }

    /** The BPMN XML of one deployed version (export; 404 when there is none). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public String xml(String definitionId) {
        ProcessDefinition d = definitionId == null || definitionId.length() > 100 ? null
                : repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
        if (d == null) {
            throw new NotFoundException("没有流程版本 " + definitionId);
        }
        try (InputStream in = repository.getProcessModel(d.getId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String source(Deployment deployment) {
        if (deployment == null) {
            return SHIPPED;
        }
        return ProcessDeployments.SOURCE.equals(deployment.getSource()) ? ADMIN : SHIPPED;
    }
}
