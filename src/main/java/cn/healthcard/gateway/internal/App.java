package cn.healthcard.gateway.internal;

import cn.healthcard.gateway.AppAuthorizationView;
import cn.healthcard.gateway.AppState;
import cn.healthcard.gateway.AppView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;

/**
 * A registered app (接入APP, EHC-06). The secret is kept only sealed by the crypto device ({@link AppSecrets}); the
 * row's version is bumped by every change, so two admins changing the same app at once cannot both win.
 */
@Entity
@Table(name = "ehc_app")
public class App {

    @Id
    private String appId;
    private String name;
    private String developer;
    private String institutionCode;
    private String regionCode;
    @Enumerated(EnumType.STRING)
    private AppState state;
    private String secretSealed;
    private Integer secretKeyVersion;
    private int secretVersion;
    private Instant secretIssuedAt;
    private String secretIssuedBy;
    private Instant registeredAt;
    private String registeredBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected App() {
    }

    public App(String appId, String name, String developer, String institutionCode, String regionCode, Instant now,
               String registeredBy) {
        this.appId = appId;
        this.name = name;
        this.developer = developer;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.state = AppState.ACTIVE;
        this.registeredAt = now;
        this.registeredBy = registeredBy;
        this.updatedAt = now;
    }

    public String appId() { return appId; }
    public String name() { return name; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public AppState state() { return state; }
    public String secretSealed() { return secretSealed; }
    public Integer secretKeyVersion() { return secretKeyVersion; }
    public int secretVersion() { return secretVersion; }

    public void changeState(AppState to, Instant now) {
        state = to;
        updatedAt = now;
    }

    /** Replaces the sealed secret with the next version (the old one stops working at once). */
    public void newSecret(String sealed, int keyVersion, int version, Instant now, String by) {
        this.secretSealed = sealed;
        this.secretKeyVersion = keyVersion;
        this.secretVersion = version;
        this.secretIssuedAt = now;
        this.secretIssuedBy = by;
        this.updatedAt = now;
    }

    /** Marks a change of the app's authorizations on the row itself (optimistic lock: one change at a time). */
    public void touch(Instant now) {
        updatedAt = now;
    }

    public AppView toView(List<AppAuthorizationView> authorizations) {
        return new AppView(appId, name, developer, institutionCode, regionCode, state, secretVersion, secretIssuedAt,
                secretIssuedBy, registeredAt, registeredBy, authorizations);
    }

    @Override
    public String toString() {
        return "App[" + appId + ", secret v" + secretVersion + " sealed]";
    }
}
