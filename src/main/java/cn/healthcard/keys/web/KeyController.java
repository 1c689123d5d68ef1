package cn.healthcard.keys.web;

import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.KeyDistribution;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.keys.KeyDistributionService;
import cn.healthcard.keys.KeyInventoryService;
import cn.healthcard.keys.KeyView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Key management over HTTP for key administrators and auditors (KEY-02, KEY-03): the key list and a ceremony's record
 * (metadata and check values only), and distribution files. Ceremonies are started on the screens (the personal-data
 * key update also by {@code POST /api/v1/keys/personal-data/versions}) and co-signed from the second person's inbox.
 * Same service and rules as the screens.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "keys", description = "密钥管理 / key management")
@SecurityRequirement(name = "basic")
class KeyController {

    private final KeyInventoryService keys;
    private final KeyCeremonyService ceremonies;
    private final KeyDistributionService distribution;

    KeyController(KeyInventoryService keys, KeyCeremonyService ceremonies, KeyDistributionService distribution) {
        this.keys = keys;
        this.ceremonies = ceremonies;
        this.distribution = distribution;
    }

    @GetMapping("/keys")
    @Operation(summary = "The keys of the hierarchy (密钥列表)", description = "Every version of the national, "
            + "provincial and city keys within the caller's region: label, level, region, version, state, check value, "
            + "origin, parent, who started and co-signed it, custodians of its backup. Never key material. Roles "
            + "KEY_ADMIN, AUDITOR.")
    List<KeyView> keys() {
        return keys.keys();
    }

    @GetMapping("/key-ceremonies/{id}")
    @Operation(summary = "A key ceremony (密钥仪式)", description = "Operation, key, initiator and co-signer, "
            + "components by number, custodian, status and check value, outcome. Roles KEY_ADMIN, AUDITOR.")
    CeremonyView ceremony(@PathVariable String id) {
        return ceremonies.ceremony(id);
    }

    @PostMapping(value = "/keys/{label}/versions/{version}/distributions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Distribute a provincial or city key (密钥分发)", description = "An HCKD1 file: the key "
            + "wrapped (HCWK1, SM4-GCM) under the transport key of a registered receiver within the key's region, with "
            + "its label, version and check value. Never the national root, never an archived key. Audited. Role "
            + "KEY_ADMIN.")
    ResponseEntity<String> distribute(@PathVariable String label, @PathVariable int version,
                                      @Parameter(description = "the receiving institution's code", example = "BJ-110000")
                                      @RequestParam String receiver) {
        KeyDistribution file = distribution.distribute(label, version, receiver);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_JSON).body(file.content());
    }
}
