package cn.healthcard.floor.internal;

import cn.healthcard.floor.FloorStaff;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The demo card maker's floor (demo profile only, after the demo institutions): at CM-110000 two production operators
 * {@code cmop1}, {@code cmop2} and the production lead {@code cmlead} (password demo1234), so that a released batch
 * can be run through its two-person steps and signed off.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoFloor implements ApplicationRunner {

    static final String MAKER = "CM-110000";
    private static final String PASSWORD = "demo1234";
    private static final Logger log = LoggerFactory.getLogger(DemoFloor.class);

    private final UserAdministration users;
    private final FloorStaff staff;

    DemoFloor(UserAdministration users, FloorStaff staff) {
        this.users = users;
        this.staff = staff;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.createIfAbsent("cmop1", PASSWORD, "冯制卡", MAKER, Set.of(Role.PRODUCTION), false, true);
        users.createIfAbsent("cmop2", PASSWORD, "陈制卡", MAKER, Set.of(Role.PRODUCTION), false, true);
        users.createIfAbsent("cmlead", PASSWORD, "蒋组长", MAKER, Set.of(Role.PRODUCTION), false, true);
        SecurityContextUsers.runAsSystem(() -> {
            if (!staff.isLead(MAKER, "cmlead")) {
                staff.assign(MAKER, "cmop1", false);
                staff.assign(MAKER, "cmop2", false);
                staff.assign(MAKER, "cmlead", true);
            }
        });
        log.info("demo floor: operators cmop1, cmop2 and lead cmlead at {} (password {})", MAKER, PASSWORD);
    }
}
