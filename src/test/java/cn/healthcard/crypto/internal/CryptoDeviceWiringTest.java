package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.PersonalDataProtector;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyUsage;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("KEY-03 PER-05 the crypto device bean: software device from healthcard.crypto.device.*, the CryptoPort on it")
class CryptoDeviceWiringTest {

    private static final cn.healthcard.crypto.PersonalDataBinding PLACE =
            cn.healthcard.crypto.PersonalDataBinding.of("resident", "name_enc", "test-row");
    private static final byte[] BINDING = PLACE.encoded();

    @TempDir
    Path directory;

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withUserConfiguration(PersonalDataProtector.class, CryptoDeviceConfiguration.class)
                .withPropertyValues("healthcard.crypto.device.keystore=" + directory.resolve("device.keystore"));
    }

    @Test
    @DisplayName("KEY-03 PER-05 first start creates the keystore with the device keys and the personal-data keys (generated inside, no e-card keys: those come from the hierarchy); the port runs on it")
    void wiring() {
        context().withPropertyValues("healthcard.crypto.device.master-key=0f1e2d3c4b5a69788796a5b4c3d2e1f0").run(ctx -> {
            assertThat(ctx).hasSingleBean(CryptoDevice.class).hasSingleBean(CryptoPort.class);
            CryptoDevice device = ctx.getBean(CryptoDevice.class);
            assertThat(device.listKeys()).extracting(info -> info.id().label() + ":" + info.usage())
                    .containsExactly("device.kek:KEY_ENCRYPTION", "device.transport:KEY_TRANSPORT",
                            "pd.blind-index:DATA", "pd.personal-data:DATA");
            assertThat(ctx.getBean(CryptoDeviceProperties.class).usesDemoMasterKey()).isFalse();
            assertThat(ctx.getBean(PersonalDataProtector.class).open(ctx.getBean(PersonalDataProtector.class)
                    .seal("张三", PLACE), PLACE)).isEqualTo("张三");
            assertThat(directory.resolve("device.keystore")).exists();
        });
    }

    @Test
    @DisplayName("KEY-02 a restart keeps the keys it created (the personal-data keys are not generated again)")
    void restartKeepsTheKeys() {
        String[] checkValues = new String[1];
        context().run(ctx -> checkValues[0] = ctx.getBean(CryptoDevice.class).listKeys().toString());
        context().run(ctx -> {
            assertThat(ctx.getBean(CryptoDevice.class).listKeys().toString()).isEqualTo(checkValues[0]);
            assertThat(ctx.getBean(CryptoDevice.class).listKeys()).extracting(KeyInfo::usage)
                    .contains(KeyUsage.DATA);
        });
    }

    @Test
    @DisplayName("KEY-03 without a configured master key the public demo key is used and recognised; a bad or other master key stops the start")
    void masterKeyChecks() {
        context().run(ctx -> assertThat(ctx.getBean(CryptoDeviceProperties.class).usesDemoMasterKey()).isTrue());
        context().withPropertyValues("healthcard.crypto.device.master-key=not-a-key")
                .run(ctx -> assertThat(ctx).hasFailed());
        context().withPropertyValues("healthcard.crypto.device.master-key=0f1e2d3c4b5a69788796a5b4c3d2e1f0")
                .run(ctx -> assertThat(ctx.getStartupFailure()).hasRootCauseMessage(
                        "The crypto-device keystore " + directory.resolve("device.keystore").toAbsolutePath()
                                + " does not open with the configured master key (healthcard.crypto.device.master-key): "
                                + "it was created under another master key"));
    }
}
