package cn.healthcard.processadmin;

import cn.healthcard.security.Role;
import cn.healthcard.workflow.ProcessDeployments;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a BPMN model in this application may be built from (BPM-05): the delegate beans, the forms of {@code forms/}
 * and the candidate groups. The modeler's element templates are made from these, so an admin picks 「黑名单校验」 from
 * a list instead of typing a bean name; {@code ProcessRules} refuses anything else.
 */
@Service
public class BuildingBlocks {

    /** The pattern of a candidate group bound to an institution by a process variable (decision 028). */
    public static final String REGION_SCOPED_PATTERN = "ROLE@${variable}";

    /** A delegate bean: {@code ${beanName}}, its labels, and the process variables it reads (if known). */
    public record Delegate(String beanName, String labelZh, String labelEn, List<String> reads) {
    }

    /** A form: the key as written in {@code camunda:formKey}, and its titles. */
    public record FormRef(String key, String titleZh, String titleEn) {
    }

    /**
     * A candidate group: the Camunda group id of a role, its labels, and whether it may be bound to an institution
     * ({@code ROLE@${makerCode}}, {@link #REGION_SCOPED_PATTERN}).
     */
    public record RoleRef(String groupId, String labelZh, String labelEn, String scopedPattern) {
    }

    private final ProcessDeployments deployments;
    private final MessageSource messages;

    BuildingBlocks(ProcessDeployments deployments, MessageSource messages) {
        this.deployments = deployments;
        this.messages = messages;
    }

    /** Every delegate bean a task or event may name, with its labels ({@code bpmn.delegate.<bean>}). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Delegate> delegates() {
        List<Delegate> delegates = new ArrayList<>();
        for (String bean : deployments.known().delegates().stream().sorted().toList()) {
            String reads = label("bpmn.delegate." + bean + ".reads", Locale.ROOT, "");
            delegates.add(new Delegate(bean, label("bpmn.delegate." + bean, Locale.SIMPLIFIED_CHINESE, bean),
                    label("bpmn.delegate." + bean, Locale.ENGLISH, bean),
                    reads.isBlank() ? List.of() : List.of(reads.split("\\s*,\\s*"))));
        }
        return delegates;
    }

    /** Every form of {@code forms/}, with its titles ({@code bpmn.form.<key>}, the key when there is none). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<FormRef> forms() {
        return deployments.formKeys().stream().map(key -> new FormRef(key,
                label("bpmn.form." + key, Locale.SIMPLIFIED_CHINESE, key),
                label("bpmn.form." + key, Locale.ENGLISH, key))).toList();
    }

    /** The roles a user task may name as candidate groups (never the apps' role). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<RoleRef> groups() {
        return java.util.Arrays.stream(Role.values()).filter(r -> r != Role.APP)
                .map(r -> new RoleRef(r.groupId(), r.nameZh(), r.nameEn(), r.groupId() + "@${variable}")).toList();
    }

    private String label(String key, Locale locale, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
