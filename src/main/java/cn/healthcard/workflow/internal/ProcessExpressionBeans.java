package cn.healthcard.workflow.internal;

import cn.healthcard.workflow.ProcessRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What BPMN expressions may name (docs/decisions/018): the beans made for the processes, nothing else. Without this,
 * the Spring integration resolves any bean of the application context, so a deployed model could call
 * {@code ${cryptoDevice...}}, {@code ${keyManagementService...}} or a repository.
 *
 * <p>The allowed beans are those whose class lives in a module's {@code process} package
 * ({@code cn.healthcard.<module>.process}, design.md §4) and is a {@link JavaDelegate}, an {@code ExecutionListener},
 * a {@code TaskListener} or a public class (a helper the expressions call, e.g. {@code keyCustodians}); the
 * package-private Spring event listeners there are not for BPMN and stay out. The engine's expression manager is
 * given this map as its beans ({@code ProcessEngineConfigurationImpl#setBeans}), and with beans set the Spring
 * expression manager does not consult the application context. The beans are looked up when an expression uses them
 * (the engine is built before most of them exist).
 */
@Component
class ProcessExpressionBeans extends AbstractProcessEnginePlugin implements ExpressionBeanNames {

    private final ApplicationContext context;
    private final AllowedBeans beans;

    ProcessExpressionBeans(ApplicationContext context) {
        this.context = context;
        this.beans = new AllowedBeans(context);
    }

    /** Whether a bean of this class may be named in a BPMN expression. */
    static boolean allowed(Class<?> type) {
        return ProcessRules.isProcessBean(type);
    }

    /** Whether a deployment resource is a BPMN model (by name, as the engine's BPMN deployer decides). */
    static boolean isBpmn(String resourceName) {
        return resourceName.endsWith(".bpmn") || resourceName.endsWith(".bpmn20.xml");
    }

    /** The names BPMN expressions may use, sorted. */
    @Override
    public Set<String> names() {
        return beans.names();
    }

    /** The allowed beans that are {@link JavaDelegate}s (what a task or event may name as its delegate), sorted. */
    @Override
    public Set<String> delegateNames() {
        Set<String> found = new TreeSet<>();
        for (String name : names()) {
            Class<?> type = context.getType(name, false);
            if (type != null && JavaDelegate.class.isAssignableFrom(type)) {
                found.add(name);
            }
        }
        return Collections.unmodifiableSet(found);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBeans(beans);
        // the Spring factory bean made its expression manager before the plugins ran, with no beans map (= every bean)
        configuration.setExpressionManager(new SpringExpressionManager(context, beans));
        // every new deployment, however made, meets the BPMN policy (no scripts, no camunda:class, delegates from the
        // allow-list); deployments read back from the database are not checked again
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this::checkPolicy);
        configuration.setCustomPreDeployers(deployers);
    }

    void checkPolicy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        deployment.getResources().forEach((name, resource) -> {
            if (isBpmn(name)) {
                ProcessRules.checkSecurity(resource.getBytes(), names())
                        .forEach(p -> problems.add(name + ": " + p.elementId() + ": " + p.rule() + " " + p.message()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("deployment refused by the BPMN policy (docs/decisions/018): "
                    + String.join("; ", problems));
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (configuration.getBeans() != beans) {
            throw new IllegalStateException("another plugin replaced the BPMN expression beans allow-list");
        }
    }

    @Override
    public String toString() {
        return "ProcessExpressionBeans";
    }

    /** Read-only, looked up lazily: name → bean, for the allowed names only. */
    static final class AllowedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;
        private volatile Set<String> names;

        AllowedBeans(ApplicationContext context) {
            this.context = context;
        }

        Set<String> names() {
            Set<String> known = names;
            if (known == null) {
                Set<String> found = new TreeSet<>();
                for (String name : context.getBeanDefinitionNames()) {
                    if (allowed(context.getType(name, false))) {
                        found.add(name);
                    }
                }
                known = Collections.unmodifiableSet(found);
                names = known;
            }
            return known;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && names().contains(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names().stream().map(n -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(n,
                    context.getBean(n))).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public Object put(Object key, Object value) {
            throw new UnsupportedOperationException("the BPMN expression beans are fixed");
        }

        @Override
        public String toString() {
            return "AllowedBeans" + names();
        }
    }
}
