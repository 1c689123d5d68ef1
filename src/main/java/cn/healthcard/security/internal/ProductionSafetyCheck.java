package cn.healthcard.security.internal;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * In the prod profile — and on PostgreSQL or Oracle without the demo profile — the application refuses to start with demo users, demo data, the demo keys (personal data,
 * blind index — configured or already in the crypto device —, crypto-device master key) or a default or empty database password — checked once every bean exists,
 * before the web server and the job executor start.
 */
@Component
@Profile("prod | ((postgres | oracle) & !demo)")
class ProductionSafetyCheck implements SmartInitializingSingleton {

    /** The fallbacks written in application-postgres.yml and application-oracle.yml. */
    private static final java.util.Set<String> DEFAULT_DATABASE_PASSWORDS = java.util.Set.of("healthcard");

    private final UserAccountRepository users;
    private final CryptoProperties legacyKeys;
    private final CryptoPort crypto;
    private final CryptoDeviceProperties device;
    private final boolean demoEnabled;
    private final String databasePassword;

    ProductionSafetyCheck(UserAccountRepository users, CryptoProperties legacyKeys, CryptoPort crypto,
                          CryptoDeviceProperties device,
                          @Value("${healthcard.demo.enabled:false}") boolean demoEnabled,
                          @Value("${spring.datasource.password:}") String databasePassword) {
        this.users = users;
        this.legacyKeys = legacyKeys;
        this.crypto = crypto;
        this.device = device;
        this.demoEnabled = demoEnabled;
        this.databasePassword = databasePassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        if (demoEnabled) {
            problems.add("healthcard.demo.enabled is true");
        }
        if (users.existsByDemoTrue()) {
            problems.add("demo users exist in the database");
        }
        if (legacyKeys.usesDemoKeys()) {
            problems.add("the demo personal-data or blind-index key is configured "
                    + "(unset HEALTHCARD_PERSONAL_DATA_KEY and HEALTHCARD_BLIND_INDEX_KEY, or set the keys to migrate)");
        } else if (crypto.usesDemoKeys()) {
            problems.add("the crypto device holds the demo personal-data or blind-index key (a keystore of a "
                    + "development or demo run; start with a new keystore)");
        }
        if (device.usesDemoMasterKey()) {
            problems.add("the demo master key of the crypto device is configured (set HEALTHCARD_DEVICE_MASTER_KEY)");
        }
        if (databasePassword.isBlank() || DEFAULT_DATABASE_PASSWORDS.contains(databasePassword)) {
            problems.add("the database password is empty or a default (set DB_PASSWORD)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: " + String.join("; ", problems));
        }
    }
}
