package cn.healthcard.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The software crypto device (decision 011): {@code healthcard.crypto.device.master-key}, the SM4 key (32 hexadecimal
 * characters) under which every key in the keystore file is sealed, and {@code healthcard.crypto.device.keystore},
 * the file ({@code data/crypto-device.keystore} under the working directory by default).
 *
 * <p>A master key configured blank (the default configuration without HEALTHCARD_DEVICE_MASTER_KEY) fails start-up
 * with a message saying what to set; the demo profile configures the public demo master key, fine for development
 * and tests only (a record made in code without a key gets it too):
 * {@link #usesDemoMasterKey()} lets the production configuration refuse it. An invalid key fails start-up.
 * {@link #toString()} never shows the key.
 *
 * @param masterKey the master key of the keystore
 * @param keystore  the keystore file
 */
@ConfigurationProperties("healthcard.crypto.device")
public record CryptoDeviceProperties(String masterKey, Path keystore) {

    /** The demo master key, public in the source code: never for production. */
    public static final String DEMO_MASTER_KEY = "6e249f78c6e1349975254dcc1631ac02";

    /** The keystore file when none is configured, relative to the working directory. */
    public static final Path DEFAULT_KEYSTORE = Path.of("data", "crypto-device.keystore");

    /**
     * Applies the defaults and validates the master key.
     *
     * @throws IllegalArgumentException if the master key is not 32 hexadecimal characters
     */
    public CryptoDeviceProperties {
        if (masterKey != null && masterKey.isBlank()) {
            throw new IllegalArgumentException("healthcard.crypto.device.master-key is not set: set "
                    + "HEALTHCARD_DEVICE_MASTER_KEY (32 hexadecimal digits), or start with the demo profile (bin/run)");
        }
        masterKey = masterKey == null ? DEMO_MASTER_KEY : masterKey.strip();
        keystore = keystore == null ? DEFAULT_KEYSTORE : keystore;
        HexKeys.require("healthcard.crypto.device.master-key", masterKey);
    }

    /** Whether the master key is the public demo key, which a production deployment must refuse. */
    public boolean usesDemoMasterKey() {
        return masterKey.equalsIgnoreCase(DEMO_MASTER_KEY);
    }

    /** Shows the keystore and whether the demo master key is in use, never the key. */
    @Override
    public String toString() {
        return "CryptoDeviceProperties[masterKey=****, keystore=" + keystore + ", demoMasterKey=" + usesDemoMasterKey() + "]";
    }
}
