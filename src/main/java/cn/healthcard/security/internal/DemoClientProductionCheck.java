package cn.healthcard.security.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the prod profile the application refuses to start while a demo machine client exists (the {@code platform}
 * client of the demo data, whose secret is public) — as {@link ProductionSafetyCheck} does for demo users.
 */
@Component
@Profile("prod")
class DemoClientProductionCheck implements SmartInitializingSingleton {

    private final ApiClientRepository clients;

    DemoClientProductionCheck(ApiClientRepository clients) {
        this.clients = clients;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (clients.existsByDemoTrue()) {
            throw new IllegalStateException("refusing to start in the prod profile: demo API clients exist in the "
                    + "database (decision 020)");
        }
    }
}
