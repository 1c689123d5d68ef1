package cn.healthcard.security.internal;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("SEC-01 KEY-03 the prod profile refuses to start with demo users, demo data, the demo keys (crypto-device master key included) or a default database password")
class ProductionSafetyCheckTest {

    private static final CryptoProperties REAL_KEYS =
            new CryptoProperties("00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100");
    private static final CryptoDeviceProperties REAL_DEVICE =
            new CryptoDeviceProperties("0f1e2d3c4b5a69788796a5b4c3d2e1f0", null);

    @Test
    void refusesDemoKeysDemoUsersAndDemoData() {
        var check = new ProductionSafetyCheck(users(true),
                new CryptoProperties(CryptoProperties.DEMO_PERSONAL_DATA_KEY, CryptoProperties.DEMO_BLIND_INDEX_KEY),
                crypto(false), new CryptoDeviceProperties(null, null), true, "healthcard");
        assertThatThrownBy(check::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("healthcard.demo.enabled")
                .hasMessageContaining("demo users")
                .hasMessageContaining("HEALTHCARD_PERSONAL_DATA_KEY")
                .hasMessageContaining("HEALTHCARD_DEVICE_MASTER_KEY")
                .hasMessageContaining("DB_PASSWORD");
    }

    @Test
    void startsWithRealKeysAndNoDemo() {
        var check = new ProductionSafetyCheck(users(false), REAL_KEYS, crypto(false), REAL_DEVICE, false,
                "s3cret-from-the-vault");
        assertThatCode(check::afterSingletonsInstantiated).doesNotThrowAnyException();
        var migrated = new ProductionSafetyCheck(users(false), new CryptoProperties(null, null), crypto(false),
                REAL_DEVICE, false, "s3cret-from-the-vault");
        assertThatCode(migrated::afterSingletonsInstantiated).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("PER-05 SEC-01 a crypto device that holds a demo personal-data key is refused, even with no key configured")
    void refusesDemoKeysInTheDevice() {
        var check = new ProductionSafetyCheck(users(false), new CryptoProperties(null, null), crypto(true),
                REAL_DEVICE, false, "s3cret-from-the-vault");
        assertThatThrownBy(check::afterSingletonsInstantiated).hasMessageContaining("crypto device holds the demo");
    }

    /** The port answers only whether the device holds demo keys. */
    private static CryptoPort crypto(boolean demoKeysInTheDevice) {
        return (CryptoPort) Proxy.newProxyInstance(CryptoPort.class.getClassLoader(), new Class<?>[]{CryptoPort.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("usesDemoKeys")) {
                        return demoKeysInTheDevice;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The repository answers only the one question the check asks. */
    private static UserAccountRepository users(boolean demoUsersExist) {
        return (UserAccountRepository) Proxy.newProxyInstance(UserAccountRepository.class.getClassLoader(),
                new Class<?>[]{UserAccountRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("existsByDemoTrue")) {
                        return demoUsersExist;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
