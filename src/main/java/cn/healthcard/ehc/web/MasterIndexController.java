package cn.healthcard.ehc.web;

import cn.healthcard.ehc.DocumentRef;
import cn.healthcard.ehc.MasterIndexService;
import cn.healthcard.ehc.MasterIndexView;
import cn.healthcard.ehc.VisitCardView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The master index over HTTP (EHC-01, EHC-07): what it links, a second document, hospital visit cards. */
@RestController
@RequestMapping("/api/v1/ehc")
@Tag(name = "ehc-master-index", description = "主索引、证件关联与就诊卡绑定 / master index, documents, visit cards")
@SecurityRequirement(name = "basic")
class MasterIndexController {

    private final MasterIndexService masterIndexes;

    MasterIndexController(MasterIndexService masterIndexes) {
        this.masterIndexes = masterIndexes;
    }

    @GetMapping("/master-index/{id}")
    @Operation(summary = "What a master index links (masked documents, cards, e-card, visit cards)")
    MasterIndexView get(@PathVariable String id) {
        return masterIndexes.get(id);
    }

    @PostMapping(path = "/master-index/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Join another document of the same person (同一人的第二证件)", description = "The caller (a clerk "
            + "or an institution's operator) has seen both documents: the added document joins the master index of "
            + "the known one. 404 when the known document is not registered; 409 DOCUMENT_OF_ANOTHER_PERSON when the "
            + "added document belongs to another master index. Role CLERK.")
    MasterIndexView link(@RequestBody LinkRequest body) {
        return masterIndexes.linkDocument(new DocumentRef(body.knownDocumentType(), body.knownDocumentNumber()),
                new DocumentRef(body.addedDocumentType(), body.addedDocumentNumber()));
    }

    @PostMapping(path = "/visit-cards", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Bind a hospital visit card (就诊卡) to the master index of an e-card", description = "The "
            + "institution defaults to the caller's. Binding again changes nothing; 409 VISIT_CARD_OF_ANOTHER_PERSON. "
            + "Role CLERK.")
    VisitCardView bindVisitCard(@RequestBody VisitCardRequest body) {
        return masterIndexes.bindVisitCard(body.ehcId(), body.institutionCode(), body.visitCardNo());
    }

    @Schema(description = "Two documents of the same person: a registered one and a new one")
    record LinkRequest(String knownDocumentType, String knownDocumentNumber, String addedDocumentType,
                       String addedDocumentNumber) {
        @Override
        public String toString() {
            return "LinkRequest[personal data hidden]";
        }
    }

    record VisitCardRequest(String ehcId, String institutionCode, String visitCardNo) {
    }
}
