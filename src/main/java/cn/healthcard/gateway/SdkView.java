package cn.healthcard.gateway;

import java.time.Instant;
import java.util.Set;

/** A registered SDK (电子健康卡SDK, EHC-06) and the gateway methods it offers. */
public record SdkView(String sdkId, String name, String sdkVersion, String developer, Set<GatewayMethod> methods,
                      AppState state, String regionCode, Instant registeredAt, String registeredBy) {
}
