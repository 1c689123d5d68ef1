package cn.healthcard.shell.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (INT-06). */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI healthCardApi() {
        return new OpenAPI()
                .info(new Info().title("居民健康卡综合管理信息系统 API").version("v1")
                        .description("Integration API for the regional health platform, other levels and terminals. "
                                + "HTTP Basic; errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }
}
