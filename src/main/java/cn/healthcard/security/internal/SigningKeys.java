package cn.healthcard.security.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The RSA key pairs that sign the access tokens (RS256), in table {@code oauth_signing_key} so every node signs and
 * verifies with the same keys. The first node that starts without one generates it under the fixed key id
 * {@link #FIRST_KID}: a second node starting at the same moment loses the insert and reads the winner's key. Verifying
 * a token needs only the public keys in memory: no HTTP round trip to {@code /oauth2/jwks}.
 */
final class SigningKeys {

    static final String FIRST_KID = "healthcard-rs256-1";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    /** Every stored key; generates the first one when there is none. The newest comes first (it signs). */
    static JWKSet load(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        List<RSAKey> keys = read(jdbc);
        if (keys.isEmpty()) {
            KeyPair pair = generate();
            try {
                transactions.executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO oauth_signing_key (kid, algorithm, public_key, private_key, created_at) "
                                + "VALUES (?, ?, ?, ?, ?)", FIRST_KID, "RS256",
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                        Timestamp.from(clock.instant())));
                log.info("OAuth 2: generated the token signing key {}", FIRST_KID);
            } catch (DataIntegrityViolationException raced) {
                log.info("OAuth 2: another node generated the token signing key first");
            }
            keys = read(jdbc);
        }
        return new JWKSet(List.copyOf(keys));
    }

    private static List<RSAKey> read(JdbcTemplate jdbc) {
        return jdbc.query("SELECT kid, public_key, private_key FROM oauth_signing_key ORDER BY created_at DESC, kid DESC",
                (rs, i) -> rsaKey(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    private static RSAKey rsaKey(String kid, String publicKey, String privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            var priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            return new RSAKey.Builder(pub).privateKey(priv).keyID(kid)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unreadable token signing key " + kid, e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
