/**
 * Apps and SDKs authorised for the e-card, the signed app gateway and the residents' personal query.
 *
 * <p>The app gateway (电子健康卡SDK授权管理, seed 003 §3.9–3.10, 5.4, EHC-06; 居民个人查询, INT-05): SDKs, the apps that use
 * them and their authorizations, secrets and authorization-code files
 * ({@link cn.healthcard.gateway.AppAuthorizationService}, screen 「应用授权」), the signed envelope through which authorised apps reach the electronic health card
 * ({@link cn.healthcard.gateway.AppGateway}, {@code POST /api/v1/ehc/gateway}) and the residents' own query through
 * their app ({@link cn.healthcard.gateway.PersonalQueryService}). It sits above the {@code ehc} module and reaches it
 * through its public services only; {@code ehc} knows nothing of it. See
 * {@code docs/decisions/015-app-authorization-and-personal-query.md}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "gateway 应用网关",
        allowedDependencies = {"audit", "card", "common", "crypto :: device", "ehc", "institution", "security", "shell"})
package cn.healthcard.gateway;
