package cn.healthcard.security.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A machine client of the integration API (decision 020): table {@code api_client} (V15). */
@Entity
@Table(name = "api_client")
class ApiClient {

    @Id
    private String clientId;
    private String name;
    private String secretHash;
    /** Space-separated scope values ({@link cn.healthcard.security.ApiScope}). */
    private String scopes;
    private String institutionCode;
    private boolean enabled;
    private boolean demo;
    private Instant createdAt;
    private String createdBy;
    private Instant secretChangedAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected ApiClient() {
    }

    ApiClient(String clientId, String name, String secretHash, Set<String> scopes, String institutionCode,
              boolean demo, Instant now, String createdBy) {
        this.clientId = clientId;
        this.name = name;
        this.secretHash = secretHash;
        this.scopes = String.join(" ", new TreeSet<>(scopes));
        this.institutionCode = institutionCode;
        this.enabled = true;
        this.demo = demo;
        this.createdAt = now;
        this.createdBy = createdBy;
        this.secretChangedAt = now;
        this.updatedAt = now;
    }

    String clientId() {
        return clientId;
    }

    String name() {
        return name;
    }

    String secretHash() {
        return secretHash;
    }

    Set<String> scopes() {
        return scopes.isBlank() ? Set.of() : Arrays.stream(scopes.split(" ")).collect(Collectors.toCollection(TreeSet::new));
    }

    String institutionCode() {
        return institutionCode;
    }

    boolean enabled() {
        return enabled;
    }

    boolean demo() {
        return demo;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    Instant secretChangedAt() {
        return secretChangedAt;
    }

    void setEnabled(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    void newSecret(String secretHash, Instant now) {
        this.secretHash = secretHash;
        this.secretChangedAt = now;
        this.updatedAt = now;
    }
}
