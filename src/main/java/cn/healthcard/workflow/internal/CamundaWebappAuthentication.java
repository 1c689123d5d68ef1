package cn.healthcard.workflow.internal;

import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Lets Camunda's Cockpit and Admin take the user signed in through Spring Security (single sign-on): the webapps read
 * the container's principal instead of asking for their own login. Which paths need which role is the security
 * module's business ({@code /camunda/**} is ADMIN only); this is the engine side of it, kept here because only the
 * workflow module touches Camunda (decision 001).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class CamundaWebappAuthentication {

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthenticationFilter() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(101); // after the Spring Security filter chain
        return registration;
    }
}
