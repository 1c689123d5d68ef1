package cn.healthcard.gateway;

import java.time.Instant;
import java.util.List;

/**
 * A registered app (接入APP, EHC-06) with its authorizations, newest first. Never the secret: only its version
 * ({@code 0} = none issued yet) and when and by whom it was issued.
 *
 * @param institutionCode the institution whose terminals the app may verify codes for; null for residents' apps
 */
public record AppView(String appId, String name, String developer, String institutionCode, String regionCode,
                      AppState state, int secretVersion, Instant secretIssuedAt, String secretIssuedBy,
                      Instant registeredAt, String registeredBy, List<AppAuthorizationView> authorizations) {

    /** The SDKs the app is authorised for now. */
    public List<String> authorisedSdks() {
        return authorizations.stream().filter(AppAuthorizationView::active).map(AppAuthorizationView::sdkId).toList();
    }
}
