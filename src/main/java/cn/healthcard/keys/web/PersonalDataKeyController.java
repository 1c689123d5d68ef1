package cn.healthcard.keys.web;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.keys.PersonalDataKeyService;
import cn.healthcard.keys.PersonalDataKeyService.ReencryptionRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The personal-data key over HTTP for key administrators of the national centre (KEY-02, decision 017): its versions
 * (metadata and check values), an update, and the re-encryption of the stored data under the current version.
 */
@RestController
@RequestMapping("/api/v1/keys/personal-data")
@Tag(name = "keys", description = "密钥管理 / key management")
@SecurityRequirement(name = "basic")
class PersonalDataKeyController {

    private final PersonalDataKeyService keys;

    PersonalDataKeyController(PersonalDataKeyService keys) {
        this.keys = keys;
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
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Update the personal-data key (更新个人数据密钥)", description = "The device generates the "
            + "next version and archives the older ones: new data is encrypted under it, old data stays readable. "
            + "Start a re-encryption afterwards. Audited. Role KEY_ADMIN of the national centre.")
    KeyInfo update(@RequestBody UpdateRequest body) {
        return keys.updateKey(body.reason());
    }

    @PostMapping("/re-encryptions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Re-encrypt personal data (重新加密个人数据)", description = "Starts rewriting every encrypted "
            + "column under the current key version in the background (paged, idempotent; start it again after a "
            + "failure), or answers the run in progress. Audited. Role KEY_ADMIN of the national centre.")
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
