package cn.healthcard.common;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Application-wide infrastructure: one clock, and the task scheduler (used for delayed answers of simulators). */
@Configuration
@EnableScheduling
class InfrastructureConfig {

    /** One clock for the whole application (China Standard Time), replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.system(ChinaTime.ZONE);
    }
}
