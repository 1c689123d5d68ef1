package cn.healthcard.modeler.internal;

import cn.healthcard.processadmin.BuildingBlocks;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The modeler's element templates (BPM-05, decision 033), generated on each call from the process administration's
 * {@link BuildingBlocks}, so a new delegate bean, form or role shows up in the modeler without further work.
 */
@Service
public class ElementTemplates {

    private final BuildingBlocks blocks;
    private volatile ElementTemplateGenerator.Shipped shipped;

    ElementTemplates(BuildingBlocks blocks) {
        this.blocks = blocks;
    }

    /** Every delegate's service-task template and every form's user-task template. Admins only. */
    @PreAuthorize("hasRole('ADMIN')")
    public ArrayNode all() {
        return ElementTemplateGenerator.templates(
                blocks.delegates().stream().map(d -> new ElementTemplateGenerator.Delegate(
                        d.beanName(), d.labelZh(), d.labelEn(), d.reads())).toList(),
                blocks.forms().stream().map(f -> new ElementTemplateGenerator.Form(
                        f.key(), f.titleZh(), f.titleEn())).toList(),
                blocks.groups().stream().map(g -> new ElementTemplateGenerator.Group(
                        g.groupId(), g.labelZh(), g.labelEn())).toList(),
                shipped());
    }

    /** The candidate groups of the shipped processes' user tasks, read once from {@code classpath:processes/}. */
    private ElementTemplateGenerator.Shipped shipped() {
        ElementTemplateGenerator.Shipped known = shipped;
        if (known == null) {
            ShippedTaskGroups groups = new ShippedTaskGroups();
            try {
                Resource[] files = new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:processes/*.bpmn");
                java.util.Arrays.sort(files, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
                for (Resource file : files) {
                    try (InputStream in = file.getInputStream()) {
                        groups.read(in);
                    }
                }
            } catch (IOException | XMLStreamException e) {
                throw new IllegalStateException("cannot read the shipped processes' candidate groups", e);
            }
            known = new ElementTemplateGenerator.Shipped(groups.byForm(), groups.scoped());
            shipped = known;
        }
        return known;
    }
}
