package cn.healthcard.filing;

import java.time.Instant;
import java.util.Set;

/** A manufacturer as screens and the API show it. */
public record ManufacturerView(String id, String name, String creditCode, Set<ProviderType> providerTypes,
                               String contactName, String contactPhone, String apiClientId, Instant createdAt) {
}
