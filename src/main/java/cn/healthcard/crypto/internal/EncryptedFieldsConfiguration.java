package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.Encrypted;
import cn.healthcard.crypto.PersonalDataProtector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the Hibernate listener that seals and opens {@link Encrypted} attributes bound to their place (decision
 * 022) in the application's session factory, and counts the unbound ciphertexts read. The protector is looked up on
 * first use: the crypto device starts after the session factory may be built.
 */
@Configuration(proxyBeanMethods = false)
class EncryptedFieldsConfiguration {

    @Bean
    HibernatePropertiesCustomizer encryptedFieldListener(ObjectProvider<PersonalDataProtector> protector) {
        EncryptedFieldListener listener = new EncryptedFieldListener(protector::getObject);
        return properties -> properties.put(JpaSettings.INTEGRATOR_PROVIDER,
                (IntegratorProvider) () -> List.of(new ListenerIntegrator(listener)));
    }

    @Bean
    MeterBinder unboundPersonalDataReads(ObjectProvider<PersonalDataProtector> protector) {
        Supplier<PersonalDataProtector> lazy = protector::getObject;
        return registry -> FunctionCounter.builder("healthcard.personal_data.unbound_reads", lazy,
                        p -> p.get().unboundReads())
                .description("Personal-data ciphertexts without binding (before decision 022) read and accepted")
                .register(registry);
    }

    private record ListenerIntegrator(EncryptedFieldListener listener) implements Integrator {

        @Override
        public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                              SessionFactoryImplementor sessionFactory) {
            EventListenerRegistry registry = sessionFactory.getServiceRegistry()
                    .getService(EventListenerRegistry.class);
            registry.appendListeners(EventType.PRE_INSERT, listener);
            registry.appendListeners(EventType.POST_INSERT, listener);
            registry.appendListeners(EventType.PRE_UPDATE, listener);
            registry.appendListeners(EventType.POST_UPDATE, listener);
            registry.appendListeners(EventType.POST_LOAD, listener);
        }

        @Override
        public void disintegrate(SessionFactoryImplementor sessionFactory,
                                 SessionFactoryServiceRegistry serviceRegistry) {
        }
    }
}
