package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 (GB/T 32918) on the curve sm2p256v1 with raw key bytes: private keys as 32 bytes, public keys as 65 bytes
 * {@code 04 || x || y}, signatures as 64 bytes {@code r || s} (SM3 over {@code Z || M}), ciphertexts in the order
 * {@code C1 || C3 || C2} of GM/T 0003. The random source is a parameter so that the known-answer tests can replay the
 * published examples with their fixed {@code k}.
 */
final class Sm2 {

    /** The curve sm2p256v1 of GM/T 0003.5. */
    static final ECDomainParameters CURVE;

    /** Private key bytes. */
    static final int PRIVATE_KEY_BYTES = 32;

    /** Uncompressed public key bytes: {@code 04 || x || y}. */
    static final int PUBLIC_KEY_BYTES = 65;

    /** {@code C1} (65) and {@code C3} (32): the ciphertext is this much longer than the plaintext. */
    static final int CIPHERTEXT_OVERHEAD = 65 + 32;

    static {
        X9ECParameters x9 = GMNamedCurves.getByName("sm2p256v1");
        CURVE = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    private Sm2() {
    }

    /** A new private key: 32 bytes, 1 ≤ d ≤ n - 2. */
    static byte[] generatePrivateKey(SecureRandom random) {
        BigInteger n = CURVE.getN();
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(n.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(n.subtract(BigInteger.TWO)) > 0);
        return BigIntegers.asUnsignedByteArray(PRIVATE_KEY_BYTES, d);
    }

    /** The public key {@code 04 || x || y} of the private key {@code d}. */
    static byte[] publicKey(byte[] privateKey) {
        ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), privateScalar(privateKey)).normalize();
        return q.getEncoded(false);
    }

    /** Signs {@code message} for {@code signerId}: 64 bytes {@code r || s}. */
    static byte[] sign(byte[] privateKey, byte[] signerId, byte[] message, SecureRandom random) {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom(privateParameters(privateKey), random), signerId));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (org.bouncycastle.crypto.CryptoException e) {
            throw new CryptoException("SM2 signing failed", e);
        }
    }

    /** Whether {@code signature} ({@code r || s}, 64 bytes) signs {@code message} for {@code signerId}. */
    static boolean verify(byte[] publicKey, byte[] signerId, byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(false, new ParametersWithID(publicParameters(publicKey), signerId));
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    /** Encrypts to {@code publicKey}: {@code C1 || C3 || C2}. */
    static byte[] encrypt(byte[] publicKey, byte[] plaintext, SecureRandom random) {
        if (plaintext.length == 0) {
            throw new IllegalArgumentException("SM2 encrypts at least one byte");
        }
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(publicParameters(publicKey), random));
        try {
            return engine.processBlock(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM2 encryption failed", e);
        }
    }

    /**
     * Decrypts {@code C1 || C3 || C2}.
     *
     * @throws CryptoException if the ciphertext is malformed or its hash {@code C3} does not match (wrong key, altered)
     */
    static byte[] decrypt(byte[] privateKey, byte[] ciphertext) {
        if (ciphertext.length <= CIPHERTEXT_OVERHEAD || ciphertext[0] != 0x04) {
            throw new CryptoException("Not an SM2 ciphertext C1||C3||C2 with an uncompressed C1 ("
                    + ciphertext.length + " bytes)");
        }
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(false, privateParameters(privateKey));
        try {
            return engine.processBlock(ciphertext, 0, ciphertext.length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new CryptoException("SM2 ciphertext does not decrypt: wrong key or altered data", e);
        }
    }

    /** The check value of a key pair: the first 4 bytes of SM3 over the public key, as 8 upper-case hex digits. */
    static String checkValue(byte[] publicKey) {
        return HexFormat.of().withUpperCase().formatHex(Sm3.digest(publicKey), 0, 4);
    }

    private static BigInteger privateScalar(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("An SM2 private key has 32 bytes, not " + privateKey.length);
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(CURVE.getN().subtract(BigInteger.ONE)) >= 0) {
            throw new IllegalArgumentException("Not an SM2 private key: out of range");
        }
        return d;
    }

    private static ECPrivateKeyParameters privateParameters(byte[] privateKey) {
        return new ECPrivateKeyParameters(privateScalar(privateKey), CURVE);
    }

    private static ECPublicKeyParameters publicParameters(byte[] publicKey) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES || publicKey[0] != 0x04) {
            throw new IllegalArgumentException("An SM2 public key is 65 bytes 04 || x || y");
        }
        try {
            ECPoint q = CURVE.getCurve().decodePoint(publicKey);
            return new ECPublicKeyParameters(q, CURVE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a point of the SM2 curve", e);
        }
    }
}
