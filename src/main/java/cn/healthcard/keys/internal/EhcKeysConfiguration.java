package cn.healthcard.keys.internal;

import cn.healthcard.crypto.EhcIdAlgorithm;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyPurpose;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The e-card algorithms on the crypto device with the keys of the hierarchy: a region's e-cards use its province's
 * application-data-read and internal-authentication keys (decisions 014, 017).
 */
@Configuration(proxyBeanMethods = false)
class EhcKeysConfiguration {

    @Bean
    EhcIdAlgorithm ehcIdAlgorithm(CryptoDevice device) {
        return new EhcIdAlgorithm(device, new EhcIdAlgorithm.KeyLabels() {
            @Override
            public String appDataRead(String regionCode) {
                return KeyHierarchy.eCardKeyLabel(KeyPurpose.APP_DATA_READ, regionCode);
            }

            @Override
            public String internalAuth(String regionCode) {
                return KeyHierarchy.eCardKeyLabel(KeyPurpose.INTERNAL_AUTH, regionCode);
            }
        });
    }
}
