package cn.healthcard.ehc;

/**
 * Who asked for an e-card: an app on the resident's phone (接入APP), an institution terminal (机构终端: self-service
 * kiosk, registration window), the service desk, or the bulk job. With {@code clientId} (the app's or terminal's id)
 * this is where SDK/app authorization (EHC-06) will check the caller.
 */
public enum EhcChannel {
    APP, INSTITUTION_TERMINAL, DESK, BULK_JOB
}
