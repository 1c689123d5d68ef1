package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoDeviceProperties;
import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.device.CryptoDevice;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The crypto device of the application (decisions 011, 017): the software device under the master key of
 * {@link CryptoDeviceProperties}, its keys in the application's database (one store for every node; migration V17;
 * a keystore file at {@code healthcard.crypto.device.keystore} is imported once into an empty store) — or, without a
 * database, in that file —, holding the personal-data keys (legacy keys of {@link CryptoProperties} imported on
 * first start), and the {@link CryptoPort} on it. The e-card keys come from the key hierarchy (the keys module makes
 * the {@code EhcIdAlgorithm} bean). An HSM adapter replaces the {@code cryptoDevice} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CryptoDeviceProperties.class, CryptoProperties.class})
class CryptoDeviceConfiguration {

    /** How often a node looks for keys changed by other nodes when nothing else makes it look (decision 011). */
    static final String REFRESH_INTERVAL = "healthcard.crypto.device.refresh-interval";

    @Bean
    @DependsOnDatabaseInitialization
    SoftwareCryptoDevice cryptoDevice(CryptoDeviceProperties properties, ObjectProvider<DataSource> dataSource,
                                      Environment environment) {
        Duration refreshInterval = Binder.get(environment).bind(REFRESH_INTERVAL, Duration.class)
                .orElse(Duration.ofSeconds(5));
        DataSource database = dataSource.getIfUnique();
        return database == null
                ? new SoftwareCryptoDevice(properties.keystore(), properties.masterKey())
                : SoftwareCryptoDevice.onDatabase(database, properties.masterKey(), properties.keystore(), refreshInterval);
    }

    @Bean
    CryptoPort cryptoPort(CryptoDevice device, CryptoProperties legacyKeys) {
        PersonalDataKeys.ensure(device, legacyKeys);
        return new DeviceCryptoPort(device);
    }
}
