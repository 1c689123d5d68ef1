package cn.healthcard.gateway;

import java.time.Instant;

/**
 * A newly issued app secret (授权密钥, EHC-06), shown exactly once: the platform keeps it only sealed by the crypto
 * device. {@code authorizationCodeFile} (授权码文件) carries the same secret with the app's authorizations, signed by
 * the platform (SM2), for the app developer to install; treat it like the secret.
 */
public record IssuedSecret(String appId, String secret, int secretVersion, Instant issuedAt,
                           byte[] authorizationCodeFile) {

    @Override
    public String toString() {
        return "IssuedSecret[" + appId + " v" + secretVersion + ", secret hidden]";
    }
}
