package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.ReceiverService;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Demo logistics (demo profile only, after the demo institutions and users): a WAREHOUSE user at the Beijing centre
 * ({@code warehouse}, from the demo data) and at the Chaoyang desk ({@code deskwarehouse}, lead of its group), each the
 * authorised receiver of their institution (PER-13).
 */
@Component
@Order(25)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoLogistics implements ApplicationRunner {

    private static final String PASSWORD = "demo1234";

    private final UserAdministration users;
    private final ReceiverService receivers;

    DemoLogistics(UserAdministration users, ReceiverService receivers) {
        this.users = users;
        this.receivers = receivers;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.createIfAbsent("warehouse", PASSWORD, "郑库管", "BJ-110000", Set.of(Role.WAREHOUSE), true, true);
        users.createIfAbsent("deskwarehouse", PASSWORD, "冯库管", "BJ-110105", Set.of(Role.WAREHOUSE), true, true);
        receivers.grantIfAbsent("BJ-110000", "warehouse");
        receivers.grantIfAbsent("BJ-110105", "deskwarehouse");
    }
}
