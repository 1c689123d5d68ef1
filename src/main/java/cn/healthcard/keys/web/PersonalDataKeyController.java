package cn.healthcard.keys.web;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.keys.PersonalDataKeyService;
import cn.healthcard.keys.PersonalDataKeyService.ReencryptionRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * The personal-data key over HTTP for key administrators of the national centre (KEY-02, decision 017): its versions
 * (metadata and check values), an update — a key ceremony under the two-person rule (decision 014), co-signed by a
 * second key administrator before anything changes — and the re-encryption of the stored data under the current
 * version.
 */
@RestController
@RequestMapping("/api/v1/keys/personal-data")
@Tag(name = "keys", description = "密钥管理 / key management")
@SecurityRequirement(name = "basic")
class PersonalDataKeyController {

    private final PersonalDataKeyService keys;
    private final KeyCeremonyService ceremonies;

    PersonalDataKeyController(PersonalDataKeyService keys, KeyCeremonyService ceremonies) {
        this.keys = keys;
        this.ceremonies = ceremonies;
    }

    record UpdateRequest(String reason) {
    }

    @GetMapping("/versions")
    @Operation(summary = "Versions of the personal-data key (个人数据密钥)", description = "Label, version, state, "
            + "origin, check value of every version of pd.personal-data in the crypto device. Never key material. "
            + "Roles KEY_ADMIN, AUDITOR of the national centre.")
    List<KeyInfo> versions() {
        return keys.versions();
    }

    @PostMapping("/versions")
    @Operation(summary = "Start a personal-data key update ceremony (发起更新个人数据密钥的密钥仪式)", description = "Starts "
            + "a key ceremony under the two-person rule and answers 202 with the ceremony (id, status AWAITING_COSIGN; "
            + "Location: /api/v1/key-ceremonies/{id}). Nothing changes until a different key administrator co-signs "
            + "it from the inbox (复核密钥仪式); then the device generates the next version, archives the older ones "
            + "(old data stays readable) and the re-encryption of the stored data starts. A refusal changes nothing. "
            + "Audited. Role KEY_ADMIN of the national centre.")
    ResponseEntity<CeremonyView> update(@RequestBody UpdateRequest body) {
        CeremonyView ceremony = ceremonies.startPersonalDataKeyUpdate(body.reason());
        return ResponseEntity.accepted().location(URI.create("/api/v1/key-ceremonies/" + ceremony.id())).body(ceremony);
    }

    @PostMapping("/re-encryptions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Resume re-encrypting personal data (重新加密个人数据)", description = "Starts rewriting every "
            + "encrypted column under the CURRENT key version in the background (paged, idempotent; start it again "
            + "after a failure or a restart), or answers the run in progress. Changes no key: a new version comes only "
            + "from a co-signed ceremony, which starts its own run. Audited. Role KEY_ADMIN of the national centre.")
    ReencryptionRun reencrypt() {
        return keys.startReencryption();
    }

    @GetMapping("/re-encryptions/latest")
    @Operation(summary = "The latest re-encryption run on this node", description = "State, target version, values "
            + "rewritten and left alone, error. Roles KEY_ADMIN, AUDITOR of the national centre.")
    ReencryptionRun latest() {
        return keys.latestRun().orElseThrow(() -> new NotFoundException("本节点尚未运行个人数据重新加密"));
    }
}
