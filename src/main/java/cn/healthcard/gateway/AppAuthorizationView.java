package cn.healthcard.gateway;

import java.time.Instant;

/** An authorization of an app for an SDK (EHC-06); a revoked one stays listed with who revoked it, when and why. */
public record AppAuthorizationView(long id, String appId, String sdkId, Instant grantedAt, String grantedBy,
                                   Instant revokedAt, String revokedBy, String revokeReason) {

    public boolean active() {
        return revokedAt == null;
    }
}
