package cn.healthcard.security.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;

/**
 * Sign-in lockout and throttling of failing client addresses (decision 019). The one {@link AuthenticationProvider}
 * bean is what Spring Security's global authentication manager uses for HTTP Basic and the login page alike.
 */
@Configuration
class LockoutConfig {

    @Bean
    AuthenticationProvider lockoutAuthenticationProvider(UserDetailsService users, PasswordEncoder passwords,
                                                         LoginFailures failures) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwords);
        return new LockoutAuthenticationProvider(dao, failures);
    }

    @Bean
    ClientThrottle signInThrottle(
            @Value("${healthcard.security.throttle.sign-in.failures:20}") long failures,
            @Value("${healthcard.security.throttle.sign-in.period:PT1M}") Duration period) {
        return new ClientThrottle(failures, period);
    }

    @Bean
    ClientThrottle gatewayThrottle(
            @Value("${healthcard.security.throttle.gateway.refusals:120}") long refusals,
            @Value("${healthcard.security.throttle.gateway.period:PT1M}") Duration period) {
        return new ClientThrottle(refusals, period);
    }

    @Bean
    SignInFailureListener signInFailureListener(ClientThrottle signInThrottle) {
        return new SignInFailureListener(signInThrottle);
    }

    /** Login page failures: a locked account to {@code /login?error&locked}, any other to {@code /login?error}. */
    static org.springframework.security.web.authentication.AuthenticationFailureHandler loginFailureHandler() {
        var handler = new org.springframework.security.web.authentication
                .ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(java.util.Map.of(
                org.springframework.security.authentication.LockedException.class.getName(), "/login?error&locked"));
        return handler;
    }

    /** In front of Spring Security's filter chain, so a throttled address costs no password check. */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<ThrottleFilter> throttleFilter(ClientThrottle signInThrottle,
                                                         ClientThrottle gatewayThrottle) {
        var registration = new FilterRegistrationBean<>(new ThrottleFilter(signInThrottle, gatewayThrottle));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
