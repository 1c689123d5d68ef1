package cn.healthcard.crypto.internal;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyType;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.internal.SoftwareKeystore.StoredKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup of keys in components (KEY-02) for a {@link SoftwareCryptoDevice}: split a key n of n, hand a component over
 * to its custodian under a key derived from their secret, take it back, and restore the key from all components.
 * Component material exists only wrapped, except inside one call, and is erased after it.
 */
final class ComponentBackup {

    private static final Logger log = LoggerFactory.getLogger(SoftwareCryptoDevice.class);

    private final DeviceKeys keys;
    private final SecureRandom random;

    ComponentBackup(DeviceKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    List<KeyComponent> splitKey(KeyId key, String setId, int count, KeyId kek) {
        KeyComponent.requireSetId(setId);
        if (count < 2 || count > KeyComponent.MAX_COUNT) {
            throw new IllegalArgumentException("A key is split into 2 to " + KeyComponent.MAX_COUNT + " components, not "
                    + count);
        }
        StoredKey stored = keys.require(key, DeviceKeys.Op.INSPECT, null, "be split into components");
        if (stored.info().type() != KeyType.SM4) {
            throw new CryptoException("The key " + key + " is an " + stored.info().type() + " key: only SM4 keys are "
                    + "split into components");
        }
        StoredKey kekKey = keys.require(kek, DeviceKeys.Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key component");
        ComponentWrap.Meta[] metas = new ComponentWrap.Meta[count];
        for (int i = 0; i < count; i++) {
            metas[i] = new ComponentWrap.Meta(key, stored.info().usage(), stored.info().checkValue(), setId, i + 1,
                    count);
        }
        List<KeyComponent> components = keys.withMaterial(kekKey, kekBytes -> keys.withMaterial(stored, material -> {
            byte[] last = material.clone();
            byte[] part = new byte[Sm4.BLOCK_SIZE];
            List<KeyComponent> out = new ArrayList<>();
            try {
                for (int i = 0; i < count - 1; i++) {
                    random.nextBytes(part);
                    for (int b = 0; b < part.length; b++) {
                        last[b] ^= part[b];
                    }
                    out.add(ComponentWrap.underKek(kekBytes, kek, metas[i], part, random));
                }
                out.add(ComponentWrap.underKek(kekBytes, kek, metas[count - 1], last, random));
                return out;
            } finally {
                Arrays.fill(part, (byte) 0);
                Arrays.fill(last, (byte) 0);
            }
        }));
        log.info("Crypto device: {} (check value {}) split into {} components, set {}", key,
                stored.info().checkValue(), count, setId);
        return List.copyOf(components);
    }

    KeyComponent sealComponent(KeyComponent component, char[] secret) {
        if (!(component.protection() instanceof KeyComponent.UnderKek underKek)) {
            throw new IllegalArgumentException("Component " + component.index() + " of " + component.key()
                    + " is already sealed under a custodian's secret");
        }
        StoredKey kek = keys.require(underKek.kek(), DeviceKeys.Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION, "unwrap a key component");
        requireKekCheckValue(kek, underKek, component);
        byte[] material = keys.withMaterial(kek, kekBytes -> ComponentWrap.unwrap(kekBytes, component,
                "does not unwrap: another KEK, or the component was altered"));
        try {
            return ComponentWrap.underSecret(secret, ComponentWrap.Meta.of(component), material, random);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    KeyComponent openComponent(KeyComponent component, char[] secret, KeyId kek) {
        if (!(component.protection() instanceof KeyComponent.UnderSecret underSecret)) {
            throw new IllegalArgumentException("Component " + component.index() + " of " + component.key()
                    + " is not sealed under a custodian's secret");
        }
        StoredKey kekKey = keys.require(kek, DeviceKeys.Op.PROTECT, KeyUsage.KEY_ENCRYPTION, "wrap a key component");
        byte[] secretKey = ComponentWrap.secretKey(secret, underSecret.salt(), underSecret.iterations());
        byte[] material;
        try {
            material = ComponentWrap.unwrap(secretKey, component,
                    "does not open with this secret: a wrong secret, or the component was altered");
        } finally {
            Arrays.fill(secretKey, (byte) 0);
        }
        try {
            return keys.withMaterial(kekKey, kekBytes -> ComponentWrap.underKek(kekBytes, kek,
                    ComponentWrap.Meta.of(component), material, random));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    KeyInfo restoreKey(List<KeyComponent> components) {
        if (components == null || components.isEmpty()) {
            throw new CryptoException("No key components to restore a key from");
        }
        KeyComponent first = components.get(0);
        KeyComponent[] byIndex = new KeyComponent[first.count() + 1];
        for (KeyComponent c : components) {
            if (!c.key().equals(first.key()) || c.usage() != first.usage()
                    || !c.keyCheckValue().equals(first.keyCheckValue())) {
                throw new CryptoException("Component " + c.index() + " is a component of " + c.key() + " (check value "
                        + c.keyCheckValue() + "), not of " + first.key() + " (check value " + first.keyCheckValue() + ")");
            }
            if (!c.setId().equals(first.setId()) || c.count() != first.count()) {
                throw new CryptoException("Component " + c.index() + " of " + c.key() + " belongs to set " + c.setId()
                        + " of " + c.count() + ", not to set " + first.setId() + " of " + first.count());
            }
            if (byIndex[c.index()] != null) {
                throw new CryptoException("Component " + c.index() + " of " + c.key() + " is given twice");
            }
            byIndex[c.index()] = c;
        }
        for (int i = 1; i <= first.count(); i++) {
            if (byIndex[i] == null) {
                throw new CryptoException("Component " + i + " of " + first.count() + " of " + first.key()
                        + " (set " + first.setId() + ") is missing: all components are needed");
            }
        }
        byte[] material = new byte[Sm4.BLOCK_SIZE];
        try {
            for (int i = 1; i <= first.count(); i++) {
                KeyComponent c = byIndex[i];
                if (!(c.protection() instanceof KeyComponent.UnderKek underKek)) {
                    throw new CryptoException("Component " + i + " of " + c.key()
                            + " is still sealed under its custodian's secret: open it first");
                }
                StoredKey kek = keys.require(underKek.kek(), DeviceKeys.Op.UNPROTECT, KeyUsage.KEY_ENCRYPTION,
                        "unwrap a key component");
                requireKekCheckValue(kek, underKek, c);
                byte[] part = keys.withMaterial(kek, kekBytes -> ComponentWrap.unwrap(kekBytes, c,
                        "does not unwrap: another KEK, or the component was altered"));
                for (int b = 0; b < part.length; b++) {
                    material[b] ^= part[b];
                }
                Arrays.fill(part, (byte) 0);
            }
            String checkValue = Sm4.checkValue(material);
            if (!checkValue.equals(first.keyCheckValue())) {
                throw new CryptoException("The components of set " + first.setId() + " do not give " + first.key()
                        + ": check value " + checkValue + " instead of " + first.keyCheckValue());
            }
            return keys.restore(first.key(), first.usage(), checkValue, material.clone());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static void requireKekCheckValue(StoredKey kek, KeyComponent.UnderKek underKek, KeyComponent component) {
        if (!kek.info().checkValue().equals(underKek.kekCheckValue())) {
            throw new CryptoException("Component " + component.index() + " of " + component.key()
                    + " is wrapped under a KEK with check value " + underKek.kekCheckValue() + ", but " + kek.id()
                    + " has check value " + kek.info().checkValue());
        }
    }
}
