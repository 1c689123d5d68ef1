package cn.healthcard.workflow.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * The engine's HTTP entrances behind Spring Security (docs/decisions/018): {@link EngineApiAllowList} refuses what is
 * not listed with 403, and the engine REST API runs with the signed-in user as the engine's authenticated user, so
 * the engine checks its authorizations and writes its user operation log (which {@link EngineAudit} records).
 * Both filters run after the Spring Security filter chain (order -100), which lets only admins in.
 */
@Configuration
@ConditionalOnWebApplication
class EngineApiGuard {

    private static final Logger log = LoggerFactory.getLogger(EngineApiGuard.class);

    @Bean
    FilterRegistrationBean<AllowListFilter> engineApiAllowListFilter() {
        var registration = new FilterRegistrationBean<>(new AllowListFilter());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/camunda/app/tasklist/*");
        registration.setOrder(100); // after Spring Security, before Camunda's own filters
        return registration;
    }

    /** The engine REST API sets the user signed in through Spring Security as the engine's authenticated user. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(102);
        return registration;
    }

    static final class AllowListFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            var refusal = EngineApiAllowList.refusal(request.getMethod(), path);
            if (refusal.isPresent()) {
                log.warn("engine API call refused: {} {} by {}", request.getMethod(), path,
                        request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName());
                response.setStatus(HttpStatus.FORBIDDEN.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"流程引擎不允许此操作 (not on the engine API allow-list)\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
