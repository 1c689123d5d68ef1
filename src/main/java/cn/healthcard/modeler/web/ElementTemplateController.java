package cn.healthcard.modeler.web;

import cn.healthcard.modeler.internal.ElementTemplates;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The in-app modeler's element templates (BPM-05, decision 033). */
@RestController
@RequestMapping("/api/v1/modeler")
@Tag(name = "流程建模 Modeler")
class ElementTemplateController {

    private final ElementTemplates templates;

    ElementTemplateController(ElementTemplates templates) {
        this.templates = templates;
    }

    @GetMapping("/element-templates")
    @Operation(summary = "Camunda 7 element templates of every delegate bean and form (ADMIN)")
    ResponseEntity<ArrayNode> elementTemplates() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(templates.all());
    }
}
