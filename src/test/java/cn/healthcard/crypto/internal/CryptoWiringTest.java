package cn.healthcard.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.EncryptedStringConverter;
import cn.healthcard.crypto.PersonalDataProtector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("KEY-03 crypto beans: port, protector and JPA converters wired from healthcard.crypto.*")
class CryptoWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CryptoConfiguration.class, BouncyCastleCryptoAdapter.class, PersonalDataProtector.class);

    @Test
    void theBouncyCastleAdapterServesThePortAndConvertersAreCreatedAsHibernateDoes() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(CryptoPort.class).hasSingleBean(PersonalDataProtector.class);
            // Hibernate's SpringBeanContainer creates JPA-compliant beans with constructor autowiring.
            EncryptedStringConverter converter = (EncryptedStringConverter) ctx.getAutowireCapableBeanFactory()
                    .createBean(EncryptedStringConverter.class, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
            assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn("张三"))).isEqualTo("张三");
        });
    }

    @Test
    void aBadKeyStopsTheStart() {
        context.withPropertyValues("healthcard.crypto.blind-index-key=not-a-key")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
