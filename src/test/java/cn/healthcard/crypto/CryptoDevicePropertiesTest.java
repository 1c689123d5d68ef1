package cn.healthcard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KEY-03 crypto-device settings: master key validated, demo key recognised, never shown")
class CryptoDevicePropertiesTest {

    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void defaults() {
        CryptoDeviceProperties properties = new CryptoDeviceProperties(null, null);

        assertThat(properties.masterKey()).isEqualTo(CryptoDeviceProperties.DEMO_MASTER_KEY);
        assertThat(properties.keystore()).isEqualTo(Path.of("data", "crypto-device.keystore"));
        assertThat(properties.usesDemoMasterKey()).isTrue();
        assertThat(CryptoDeviceProperties.DEMO_MASTER_KEY)
                .isNotEqualTo(CryptoProperties.DEMO_PERSONAL_DATA_KEY).isNotEqualTo(CryptoProperties.DEMO_BLIND_INDEX_KEY);
    }

    @Test
    void ownKeyIsNotTheDemoKeyAndIsNeverShown() {
        CryptoDeviceProperties properties = new CryptoDeviceProperties(" " + KEY.toUpperCase() + " ", Path.of("/var/lib/x"));

        assertThat(properties.usesDemoMasterKey()).isFalse();
        assertThat(properties.toString()).doesNotContainIgnoringCase(KEY).contains("/var/lib/x");
        assertThat(new CryptoDeviceProperties(null, null).toString())
                .doesNotContain(CryptoDeviceProperties.DEMO_MASTER_KEY).contains("demoMasterKey=true");
    }

    @Test
    void badKeyFailsWithAClearMessage() {
        assertThatThrownBy(() -> new CryptoDeviceProperties("0f1e2d3c", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("healthcard.crypto.device.master-key must be 32 hexadecimal characters (a 16-byte SM4 key), "
                        + "but it has 8 characters");
        assertThatThrownBy(() -> new CryptoDeviceProperties("${HEALTHCARD_DEVICE_MASTER_KEY}", null))
                .hasMessageContaining("it is not set (the environment variable named in ${HEALTHCARD_DEVICE_MASTER_KEY} is missing)");
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("KEY-03 SEC-01 without the demo profile an unset master key stops the start with what to set, instead of the public demo key")
    void blankMasterKeyRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CryptoDeviceProperties(" ", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEALTHCARD_DEVICE_MASTER_KEY").hasMessageContaining("demo profile");
    }
}
