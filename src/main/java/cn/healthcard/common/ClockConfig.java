package cn.healthcard.common;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
class ClockConfig {

    /** One clock for the whole application, replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
