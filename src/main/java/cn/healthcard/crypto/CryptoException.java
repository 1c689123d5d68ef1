package cn.healthcard.crypto;

/** A cryptographic operation failed, e.g. a ciphertext did not authenticate (wrong key or tampered data). */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
