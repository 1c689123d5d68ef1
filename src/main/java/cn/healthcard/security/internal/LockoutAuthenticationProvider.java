package cn.healthcard.security.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Username and password sign-in (HTTP Basic and the login page) with the lockout of decision 019 around it: a locked
 * name is refused before its password is checked — the right password fails too — with a {@link LockedException},
 * whether the name exists or not; a wrong password or an unknown name counts a failure; a success forgets the
 * failures.
 */
class LockoutAuthenticationProvider implements AuthenticationProvider {

    static final String LOCKED = "账户已锁定 (account locked)";

    private final AuthenticationProvider passwords;
    private final LoginFailures failures;

    LockoutAuthenticationProvider(AuthenticationProvider passwords, LoginFailures failures) {
        this.passwords = passwords;
        this.failures = failures;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        if (failures.lockedUntil(name) != null) {
            throw new LockedException(LOCKED);
        }
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) { // wrong password, or an unknown name (hidden as bad credentials)
            failures.failed(name);
            throw e;
        }
        if (result != null && result.isAuthenticated()) {
            failures.succeeded(name);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
