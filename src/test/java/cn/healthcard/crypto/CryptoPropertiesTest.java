package cn.healthcard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

@DisplayName("KEY-03 crypto keys: validated at start-up, demo keys recognised, never shown")
class CryptoPropertiesTest {

    private static final String KEY_A = "00112233445566778899aabbccddeeff";
    private static final String KEY_B = "FFEEDDCCBBAA99887766554433221100";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CryptoProperties.class)
    static class PropertiesOnly {
    }

    @Test
    @DisplayName("KEY-03 unset or blank legacy keys are unset (the device generates its keys); the demo keys are recognised")
    void unsetKeysStayUnset() {
        CryptoProperties properties = new CryptoProperties(null, " ");

        assertThat(properties.legacyKey(KeyRef.PERSONAL_DATA)).isNull();
        assertThat(properties.legacyKey(KeyRef.BLIND_INDEX)).isNull();
        assertThat(properties.usesDemoKeys()).isFalse();
        assertThat(new CryptoProperties(CryptoProperties.DEMO_PERSONAL_DATA_KEY, null).usesDemoKeys()).isTrue();
        assertThat(CryptoProperties.DEMO_PERSONAL_DATA_KEY).isNotEqualTo(CryptoProperties.DEMO_BLIND_INDEX_KEY);
    }

    @Test
    void ownKeysAreNotDemoKeys() {
        assertThat(new CryptoProperties(KEY_A, KEY_B).usesDemoKeys()).isFalse();
        assertThat(new CryptoProperties(KEY_A, CryptoProperties.DEMO_BLIND_INDEX_KEY.toUpperCase()).usesDemoKeys()).isTrue();
    }

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', value = {
            "0011223344556677                  | but it has 16 characters",
            "00112233445566778899aabbccddeeff00 | but it has 34 characters",
            "00112233445566778899aabbccddeegg   | but it contains characters other than 0-9 and a-f",
    })
    void badKeyFailsWithAClearMessage(String key, String problem) {
        assertThatThrownBy(() -> new CryptoProperties(key, KEY_B))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("healthcard.crypto.personal-data-key must be 32 hexadecimal characters (a 16-byte SM4 key), "
                        + problem)
                .hasMessageNotContaining(key);
        assertThatThrownBy(() -> new CryptoProperties(KEY_A, key))
                .hasMessageStartingWith("healthcard.crypto.blind-index-key must be 32 hexadecimal characters");
    }

    @Test
    void theSameKeyForBothPurposesIsRefused() {
        assertThatThrownBy(() -> new CryptoProperties(KEY_A, KEY_A.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be different keys");
    }

    @Test
    void toStringHidesTheKeys() {
        CryptoProperties properties = new CryptoProperties(KEY_A, KEY_B);

        assertThat(properties.toString()).doesNotContain(KEY_A, KEY_B, KEY_A.substring(0, 8), KEY_B.substring(0, 8))
                .contains("demoKeys=false");
        assertThat(new CryptoProperties(CryptoProperties.DEMO_PERSONAL_DATA_KEY, CryptoProperties.DEMO_BLIND_INDEX_KEY)
                .toString()).doesNotContain(CryptoProperties.DEMO_PERSONAL_DATA_KEY, CryptoProperties.DEMO_BLIND_INDEX_KEY)
                .contains("demoKeys=true");
    }

    @Test
    void keysBindFromHealthcardCryptoProperties() {
        context.withPropertyValues("healthcard.crypto.personal-data-key=" + KEY_A, "healthcard.crypto.blind-index-key=" + KEY_B)
                .run(ctx -> assertThat(ctx.getBean(CryptoProperties.class)).isEqualTo(new CryptoProperties(KEY_A, KEY_B)));
        context.run(ctx -> assertThat(ctx.getBean(CryptoProperties.class).legacyKey(KeyRef.PERSONAL_DATA)).isNull());
    }

    @Test
    void startUpFailsFastOnABadKey() {
        context.withPropertyValues("healthcard.crypto.personal-data-key=abc")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("healthcard.crypto.personal-data-key must be 32 hexadecimal characters"));
    }
}
