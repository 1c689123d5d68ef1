package cn.healthcard.security.internal;

import cn.healthcard.crypto.CryptoProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** In the prod profile the application refuses to start with demo users, demo data or the demo keys. */
@Component
@Profile("prod")
@Order(0)
class ProductionSafetyCheck implements ApplicationRunner {

    private final UserAccountRepository users;
    private final CryptoProperties crypto;
    private final boolean demoEnabled;

    ProductionSafetyCheck(UserAccountRepository users, CryptoProperties crypto,
                          @Value("${healthcard.demo.enabled:false}") boolean demoEnabled) {
        this.users = users;
        this.crypto = crypto;
        this.demoEnabled = demoEnabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> problems = new ArrayList<>();
        if (demoEnabled) {
            problems.add("healthcard.demo.enabled is true");
        }
        if (users.existsByDemoTrue()) {
            problems.add("demo users exist in the database");
        }
        if (crypto.usesDemoKeys()) {
            problems.add("the demo personal-data or blind-index key is configured "
                    + "(set HEALTHCARD_PERSONAL_DATA_KEY and HEALTHCARD_BLIND_INDEX_KEY)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: " + String.join("; ", problems));
        }
    }
}
