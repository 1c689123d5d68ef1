package cn.healthcard.filing.internal;

import cn.healthcard.filing.ProviderType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A manufacturer (生产单位) that files products: name, unified social credit code, the kinds of provider it is, a
 * contact, and the machine client through which it applies ({@code apiClientId}, optional; unique — a client speaks for
 * one manufacturer only).
 */
@Entity
@Table(name = "filing_manufacturer")
public class Manufacturer {

    @Id
    private String id;
    private String name;
    private String creditCode;
    private String providerTypes;
    private String contactName;
    private String contactPhone;
    private String apiClientId;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Manufacturer() {
    }

    public Manufacturer(String name, String creditCode, Set<ProviderType> types, String contactName,
                        String contactPhone, String apiClientId, String createdBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.creditCode = creditCode;
        this.providerTypes = types.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.contactName = contactName;
        this.contactPhone = contactPhone;
        this.apiClientId = apiClientId;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String creditCode() { return creditCode; }
    public String contactName() { return contactName; }
    public String contactPhone() { return contactPhone; }
    public String apiClientId() { return apiClientId; }
    public Instant createdAt() { return createdAt; }

    public Set<ProviderType> providerTypes() {
        Set<ProviderType> types = EnumSet.noneOf(ProviderType.class);
        Arrays.stream(providerTypes.split(",")).filter(s -> !s.isBlank()).map(ProviderType::valueOf)
                .forEach(types::add);
        return types;
    }
}
