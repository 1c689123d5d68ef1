package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.device.CryptoDevice;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The crypto device of the application (decisions 011, 017): the software device on the keystore and master key of
 * {@link CryptoDeviceProperties}, holding the personal-data keys (legacy keys of {@link CryptoProperties} imported on
 * first start), and the {@link CryptoPort} on it. The e-card keys come from the key hierarchy (the keys module makes
 * the {@code EhcIdAlgorithm} bean). An HSM adapter replaces the {@code cryptoDevice} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CryptoDeviceProperties.class, CryptoProperties.class})
class CryptoDeviceConfiguration {

    @Bean
    SoftwareCryptoDevice cryptoDevice(CryptoDeviceProperties properties) {
        return new SoftwareCryptoDevice(properties.keystore(), properties.masterKey());
    }

    @Bean
    CryptoPort cryptoPort(CryptoDevice device, CryptoProperties legacyKeys) {
        PersonalDataKeys.ensure(device, legacyKeys);
        return new DeviceCryptoPort(device);
    }
}
