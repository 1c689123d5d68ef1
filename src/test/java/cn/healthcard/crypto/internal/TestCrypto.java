package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoPort;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.device.CryptoDevice;
import java.nio.file.Path;

/** The crypto port on a software device in a test folder, set up as the application does it (decision 017). */
public final class TestCrypto {

    public static final String MASTER_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private TestCrypto() {
    }

    /** A software device with a new keystore {@code file} under the test master key. */
    public static CryptoDevice device(Path file) {
        return new SoftwareCryptoDevice(file, MASTER_KEY);
    }

    /** The port on {@code device}, with the legacy keys imported or the keys generated as at application start. */
    public static CryptoPort port(CryptoDevice device, CryptoProperties legacyKeys) {
        PersonalDataKeys.ensure(device, legacyKeys);
        return new DeviceCryptoPort(device);
    }

    /** The label of the one-time KEK of a legacy import. */
    public static String importKekLabel() {
        return PersonalDataKeys.IMPORT_KEK;
    }
}
