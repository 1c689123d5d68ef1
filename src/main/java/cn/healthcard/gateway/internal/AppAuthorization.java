package cn.healthcard.gateway.internal;

import cn.healthcard.gateway.AppAuthorizationView;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An app's authorization for an SDK (EHC-06): granted, possibly revoked; never deleted. */
@Entity
@Table(name = "ehc_app_authorization")
public class AppAuthorization {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String appId;
    private String sdkId;
    private Instant grantedAt;
    private String grantedBy;
    private Instant revokedAt;
    private String revokedBy;
    private String revokeReason;

    protected AppAuthorization() {
    }

    public AppAuthorization(String appId, String sdkId, Instant now, String grantedBy) {
        this.appId = appId;
        this.sdkId = sdkId;
        this.grantedAt = now;
        this.grantedBy = grantedBy;
    }

    public String sdkId() { return sdkId; }

    public boolean active() {
        return revokedAt == null;
    }

    public void revoke(Instant now, String by, String reason) {
        revokedAt = now;
        revokedBy = by;
        revokeReason = reason;
    }

    public AppAuthorizationView toView() {
        return new AppAuthorizationView(id, appId, sdkId, grantedAt, grantedBy, revokedAt, revokedBy, revokeReason);
    }
}
