package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.CryptoProperties;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of personal data at rest on the crypto device (decision 017), put there at start through the device port
 * only, so that an HSM adapter gets them the same way:
 * <ul>
 *   <li>a label the device does not hold yet is filled with the legacy key configured for it
 *       ({@link CryptoProperties}), imported as version 1 — it enters the device as a key-management centre's key
 *       does: a one-time KEK {@value #IMPORT_KEK} sent in an SM2 envelope to the device's transport key, the key
 *       wrapped under it (HCWK1), the KEK destroyed afterwards — or, without a legacy key, generated inside;</li>
 *   <li>a configured legacy key that differs from the version 1 the device holds stops the start (the configuration
 *       and the keystore do not belong together); one that equals it is only reported as removable;</li>
 *   <li>the blind-index key must have a single version: blind indexes are not recomputed yet, so a second version
 *       would make every lookup miss.</li>
 * </ul>
 */
final class PersonalDataKeys {

    /** The label of the one-time KEK of a legacy import; destroyed right after it. */
    static final String IMPORT_KEK = "pd.legacy-import";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> DEMO_CHECK_VALUES = List.of(
            Sm4.checkValue(HEX.parseHex(CryptoProperties.DEMO_PERSONAL_DATA_KEY)),
            Sm4.checkValue(HEX.parseHex(CryptoProperties.DEMO_BLIND_INDEX_KEY)));

    private PersonalDataKeys() {
    }

    /** Makes sure the device holds both keys, importing configured legacy keys as version 1. */
    static void ensure(CryptoDevice device, CryptoProperties legacy) {
        for (KeyRef key : KeyRef.values()) {
            String configured = legacy.legacyKey(key);
            List<KeyInfo> versions = versions(device, key);
            if (versions.isEmpty()) {
                if (configured == null) {
                    device.generateSymmetricKey(key.label(), KeyUsage.DATA);
                } else {
                    importLegacy(device, new KeyId(key.label(), 1), HEX.parseHex(configured));
                    log.warn("Crypto device: the configured legacy key of {} is now {} v1 in the device; remove it from "
                            + "the configuration (decision 017)", key, key.label());
                }
            } else if (configured != null) {
                requireSameAsVersion1(device, key, configured);
            }
        }
        long blindIndexVersions = versions(device, KeyRef.BLIND_INDEX).stream()
                .filter(info -> info.state() != KeyState.DESTROYED).count();
        if (blindIndexVersions > 1) {
            throw new CryptoException("The crypto device holds " + blindIndexVersions + " versions of "
                    + KeyRef.BLIND_INDEX.label() + ", but blind indexes are not recomputed under a new version yet "
                    + "(decision 017): keep one version");
        }
    }

    /** Whether a version of a personal-data key that the device holds has the check value of a demo key. */
    static boolean usesDemoKeys(CryptoDevice device) {
        for (KeyRef key : KeyRef.values()) {
            if (versions(device, key).stream().anyMatch(info -> info.state() != KeyState.DESTROYED
                    && DEMO_CHECK_VALUES.contains(info.checkValue()))) {
                return true;
            }
        }
        return false;
    }

    private static List<KeyInfo> versions(CryptoDevice device, KeyRef key) {
        return device.versions(key.label());
    }

    private static void requireSameAsVersion1(CryptoDevice device, KeyRef key, String configured) {
        KeyId first = new KeyId(key.label(), 1);
        String held = device.keyInfo(first).map(KeyInfo::checkValue).orElse(null);
        byte[] material = HEX.parseHex(configured);
        String checkValue = Sm4.checkValue(material);
        Arrays.fill(material, (byte) 0);
        if (!checkValue.equals(held)) {
            throw new CryptoException("The configured legacy key of " + key + " (check value " + checkValue
                    + ") is not " + first + " of the crypto device (check value " + held + "): the configuration and "
                    + "the keystore do not belong together");
        }
        log.warn("Crypto device: {} is configured although {} holds it; remove it from the configuration "
                + "(decision 017)", key, first);
    }

    /** Imports known key material through the port: a one-time KEK in an SM2 envelope, the key wrapped under it. */
    private static void importLegacy(CryptoDevice device, KeyId id, byte[] material) {
        SecureRandom random = new SecureRandom();
        byte[] kek = new byte[Sm4.BLOCK_SIZE];
        random.nextBytes(kek);
        KeyId transport = device.currentKey(CryptoDevice.TRANSPORT_LABEL);
        KeyId kekId = device.importKeyEnvelope(transport, device.sm2Encrypt(device.publicKey(transport), kek),
                IMPORT_KEK).id();
        try {
            device.importKey(KeyWrap.wrap(kek, kekId, id, KeyType.SM4, KeyUsage.DATA, material, random), kekId);
        } finally {
            device.destroy(kekId);
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(material, (byte) 0);
        }
    }
}
