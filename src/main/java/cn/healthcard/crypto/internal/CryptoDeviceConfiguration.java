package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The crypto device of the application (decisions 011, 017): the software device on the keystore and master key of
 * {@link CryptoDeviceProperties}, holding the personal-data keys (legacy keys of {@link CryptoProperties} imported on
 * first start), and the {@link CryptoPort} on it. An HSM adapter replaces the {@code cryptoDevice} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CryptoDeviceProperties.class, CryptoProperties.class})
class CryptoDeviceConfiguration {

    @Bean
    SoftwareCryptoDevice cryptoDevice(CryptoDeviceProperties properties) {
        SoftwareCryptoDevice device = new SoftwareCryptoDevice(properties.keystore(), properties.masterKey());
        device.ensureKey(EhcIdAlgorithm.APP_DATA_READ_KEY, KeyType.SM4, KeyUsage.DERIVATION);
        device.ensureKey(EhcIdAlgorithm.INTERNAL_AUTH_KEY, KeyType.SM4, KeyUsage.DATA);
        return device;
    }

    @Bean
    CryptoPort cryptoPort(CryptoDevice device, CryptoProperties legacyKeys) {
        PersonalDataKeys.ensure(device, legacyKeys);
        return new DeviceCryptoPort(device);
    }

    @Bean
    EhcIdAlgorithm ehcIdAlgorithm(CryptoDevice device) {
        return new EhcIdAlgorithm(device);
    }
}
