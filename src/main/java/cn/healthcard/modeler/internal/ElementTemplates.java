package cn.healthcard.modeler.internal;

import cn.healthcard.processadmin.BuildingBlocks;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The modeler's element templates (BPM-05, decision 033), generated on each call from the process administration's
 * {@link BuildingBlocks}, so a new delegate bean, form or role shows up in the modeler without further work.
 */
@Service
public class ElementTemplates {

    private final BuildingBlocks blocks;

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
                        g.groupId(), g.labelZh(), g.labelEn(), g.scopedPattern())).toList());
    }
}
