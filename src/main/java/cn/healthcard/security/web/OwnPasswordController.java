package cn.healthcard.security.web;

import cn.healthcard.security.OwnPassword;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own password (SEC-01, decision 024); the one operation open while a change is required. */
@RestController
@Tag(name = "users", description = "用户管理 / user administration (admins)")
@SecurityRequirement(name = "basic")
class OwnPasswordController {

    private final OwnPassword passwords;

    OwnPasswordController(OwnPassword passwords) {
        this.passwords = passwords;
    }

    @PostMapping(path = "/api/v1/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change your own password (the old one required); 204",
            description = "400 names oldPassword (wrong) or newPassword (policy: 10+ characters, 3 of 4 classes, not "
                    + "containing the username, none of the last 5). Machine clients have no password here.")
    ResponseEntity<Void> change(@RequestBody PasswordRequest body) {
        passwords.change(body.oldPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    record PasswordRequest(String oldPassword, String newPassword) {
    }
}
