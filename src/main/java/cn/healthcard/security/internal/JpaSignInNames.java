package cn.healthcard.security.internal;

import cn.healthcard.security.SignInNames;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
class JpaSignInNames implements SignInNames {

    /** The longest username (app_user.username). */
    static final int MAX_USERNAME = 64;

    private final UserAccountRepository users;

    JpaSignInNames(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public String forAudit(String typed) {
        if (typed != null && !typed.isEmpty() && typed.length() <= MAX_USERNAME && users.existsById(typed)) {
            return typed;
        }
        return "?" + LoginFailures.key(typed).substring(0, 16);
    }
}
