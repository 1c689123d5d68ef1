package cn.healthcard.security.web;

import cn.healthcard.security.LoginLockouts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sign-in lock of an account, for admins (SEC-01, decision 019). */
@RestController
@RequestMapping("/api/v1/users/{username}/lockout")
@Tag(name = "users", description = "用户登录锁定 / sign-in lockout of accounts (admins)")
class UserLockoutController {

    private final LoginLockouts lockouts;

    UserLockoutController(LoginLockouts lockouts) {
        this.lockouts = lockouts;
    }

    @GetMapping
    @Operation(summary = "Failed sign-ins counted and the lock of a username (admins); 404 when none")
    ResponseEntity<LoginLockouts.Lockout> lockout(@PathVariable String username) {
        return ResponseEntity.of(lockouts.lockout(username));
    }

    @DeleteMapping
    @Operation(summary = "Lifts the sign-in lock of a username and forgets its failures (admins); audited; 204")
    ResponseEntity<Void> unlock(@PathVariable String username) {
        lockouts.unlock(username);
        return ResponseEntity.noContent().build();
    }
}
