package cn.healthcard.filing;

import java.util.Set;

/**
 * A manufacturer to record (national centre): name, 18-character unified social credit code, provider types, contact,
 * and optionally the machine client (OAuth 2 client id) through which it applies.
 */
public record ManufacturerRegistration(String name, String creditCode, Set<ProviderType> providerTypes,
                                       String contactName, String contactPhone, String apiClientId) {
}
