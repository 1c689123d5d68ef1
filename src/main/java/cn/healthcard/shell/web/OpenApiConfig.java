package cn.healthcard.shell.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (INT-06): the operations and how a caller authenticates. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI healthCardApi() {
        return new OpenAPI()
                .info(new Info().title("居民健康卡综合管理信息系统 API").version("v1")
                        .description("Integration API for the regional health platform, other levels and terminals. "
                                + "Machine clients take a short-lived bearer token from POST /oauth2/token (OAuth 2 "
                                + "client credentials; scopes card-applications, cards, lifecycle, ehc, audit; "
                                + "decision 020); people and the demo accounts may use HTTP Basic. Errors are "
                                + "RFC 9457 problem details. The e-card gateway (POST /api/v1/ehc/gateway) takes "
                                + "signed envelopes instead (decision 015)."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("clientCredentials", new SecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2).flows(new OAuthFlows().clientCredentials(
                                        new OAuthFlow().tokenUrl("/oauth2/token"))))
                        .addSecuritySchemes("basic",
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
