package cn.healthcard.keys;

import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.keys.KeyEvents.KeyBackedUp;
import cn.healthcard.keys.KeyEvents.KeyGenerated;
import cn.healthcard.keys.KeyEvents.KeyRecovered;
import cn.healthcard.keys.KeyEvents.KeyUpdated;
import cn.healthcard.keys.internal.KeyCeremony;
import cn.healthcard.keys.internal.KeyComponentRecord;
import cn.healthcard.keys.internal.KeyComponentRepository;
import cn.healthcard.keys.internal.KeyRecord;
import cn.healthcard.keys.internal.KeyRecordRepository;
import cn.healthcard.keys.internal.KeyRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operations of a co-signed key ceremony on the crypto device, run by {@link KeyCeremonyService#execute} in its
 * transaction (which holds the role check): generate or update a key of the hierarchy, update the personal-data key,
 * split a key for its custodians, restore it from their components.
 */
@Component
class KeyCeremonyOperations {

    /** Thrown for a failure that changes nothing: the ceremony ends as FAILED. */
    static final class CeremonyFailure extends RuntimeException {
        CeremonyFailure(String message) {
            super(message);
        }
    }

    private final CryptoDevice device;
    private final KeyRegistry keys;
    private final KeyRecordRepository registry;
    private final KeyComponentRepository components;
    private final ApplicationEventPublisher events;
    private final PersonalDataKeyService personalData;

    KeyCeremonyOperations(CryptoDevice device, KeyRegistry keys, KeyRecordRepository registry,
                          KeyComponentRepository components, ApplicationEventPublisher events,
                          PersonalDataKeyService personalData) {
        this.device = device;
        this.keys = keys;
        this.registry = registry;
        this.components = components;
        this.events = events;
        this.personalData = personalData;
    }

    /** Runs the ceremony's operation. */
    void run(KeyCeremony ceremony, Instant now) {
        switch (ceremony.operation()) {
            case GENERATE, UPDATE -> create(ceremony, now);
            case BACKUP -> backUp(ceremony, now);
            case RECOVER -> recover(ceremony, now);
            case UPDATE_PD_KEY -> updatePersonalData(ceremony, now);
        }
    }

    /** Generation (a new label) and update (the next version; older active versions archived). */
    private void create(KeyCeremony ceremony, Instant now) {
        KeyHierarchy.Position position = KeyHierarchy.parse(ceremony.keyLabel()).orElseThrow();
        String label = position.label();
        List<KeyInfo> versions = keys.versions(label);
        if (ceremony.operation() == KeyOperation.GENERATE && !versions.isEmpty()) {
            throw new CeremonyFailure("密钥 " + label + " 已存在，未生成新密钥");
        }
        if (ceremony.operation() == KeyOperation.UPDATE && versions.isEmpty()) {
            throw new CeremonyFailure("密钥 " + label + " 不存在，无法更新");
        }
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).id().version() + 1;
        KeyInfo made;
        KeyId parent = null;
        String f = null;
        if (position.level() == KeyLevel.NATIONAL) {
            made = device.generateSymmetricKey(label, KeyUsage.DERIVATION);
        } else {
            String parentLabel = position.parent().orElseThrow().label();
            try {
                parent = device.currentKey(parentLabel);
            } catch (CryptoException e) {
                throw new CeremonyFailure("上级密钥 " + parentLabel + " 没有在用版本，无法派生 " + label);
            }
            byte[] diversification = KeyHierarchy.diversification(position.region(), version);
            f = KeyHierarchy.diversificationHex(position.region(), version);
            made = device.deriveKey(parent, diversification, label, KeyUsage.DERIVATION);
        }
        if (made.id().version() != version) {
            throw new IllegalStateException("The device stored " + made.id() + ", expected version " + version);
        }
        List<Integer> archived = new ArrayList<>();
        if (ceremony.operation() == KeyOperation.UPDATE) {
            for (KeyInfo older : versions) {
                if (older.state() == KeyState.ACTIVE) {
                    device.archive(older.id());
                    registry.findByLabelAndVersion(label, older.id().version())
                            .ifPresent(r -> r.archived(ceremony.cosignedBy(), now));
                    archived.add(older.id().version());
                }
            }
        }
        registry.save(new KeyRecord(label, version, position.purpose(), position.level(), position.region().value(),
                parent == null ? null : parent.label(), parent == null ? null : parent.version(), f,
                made.checkValue(), ceremony.id(), ceremony.initiatedBy(), ceremony.cosignedBy(), now));
        ceremony.made(version, made.checkValue());
        String parentRef = parent == null ? null : parent.toString();
        if (ceremony.operation() == KeyOperation.GENERATE) {
            events.publishEvent(new KeyGenerated(label, version, position.region().value(), made.checkValue(),
                    parentRef, f, ceremony.id(), ceremony.initiatedBy(), ceremony.cosignedBy()));
            ceremony.completed("已生成 " + made.id() + "，校验值 " + made.checkValue()
                    + (parentRef == null ? "（密码设备生成）" : "（由 " + parentRef + " 派生，分散因子 " + f + "）"), now);
        } else {
            events.publishEvent(new KeyUpdated(label, version, position.region().value(), made.checkValue(),
                    parentRef, f, archived, ceremony.id(), ceremony.initiatedBy(), ceremony.cosignedBy()));
            ceremony.completed("已更新为 " + made.id() + "，校验值 " + made.checkValue()
                    + (archived.isEmpty() ? "" : "；旧版本 " + archived + " 已归档，仍可解密"), now);
        }
    }

    /**
     * Personal-data key update (decision 017): the next version of {@code pd.personal-data} made inside the device, the
     * older ones archived (they still decrypt); the re-encryption of the stored data starts after the commit.
     */
    private void updatePersonalData(KeyCeremony ceremony, Instant now) {
        if (personalData.deviceVersions().isEmpty()) {
            throw new CeremonyFailure("密码设备中没有个人数据密钥 " + ceremony.keyLabel() + "，无法更新");
        }
        PersonalDataKeyService.NewVersion made = personalData.nextVersion(ceremony.id(), ceremony.initiatedBy(),
                ceremony.cosignedBy(), ceremony.reason());
        ceremony.made(made.made().id().version(), made.made().checkValue());
        ceremony.completed("已更新为 " + made.made().id() + "，校验值 " + made.made().checkValue()
                + (made.archived().isEmpty() ? "" : "；旧版本 " + made.archived() + " 已归档，仍可解密")
                + "；已在后台开始以新版本重新加密个人数据", now);
        personalData.reencryptAfterCommit(ceremony.id(), ceremony.initiatedBy() + "+" + ceremony.cosignedBy());
    }

    /** Backup: the key split into one component per custodian, each waiting (under the device KEK) for its custodian. */
    private void backUp(KeyCeremony ceremony, Instant now) {
        KeyId id = new KeyId(ceremony.keyLabel(), ceremony.keyVersion());
        KeyInfo info = device.keyInfo(id).orElseThrow(() -> new CeremonyFailure("密钥 " + id + " 不存在"));
        if (!info.checkValue().equals(ceremony.keyCheckValue())) {
            throw new CeremonyFailure("密钥 " + id + " 的校验值已不是 " + ceremony.keyCheckValue());
        }
        List<String> custodians = ceremony.custodians();
        List<KeyComponent> split = device.splitKey(id, ceremony.id(), custodians.size(),
                device.currentKey(CryptoDevice.KEK_LABEL));
        List<String> checkValues = new ArrayList<>();
        for (KeyComponent c : split) {
            components.save(new KeyComponentRecord(ceremony.id(), c.index(), c.count(), custodians.get(c.index() - 1),
                    KeyComponentRecord.PENDING, c.checkValue(), c.encoded(), now));
            checkValues.add(c.checkValue());
        }
        events.publishEvent(new KeyBackedUp(ceremony.id(), ceremony.regionCode(), ceremony.keyRef(),
                info.checkValue(), checkValues, custodians));
        ceremony.awaitCustodians("已分割为 " + split.size() + " 个分量，待保管人（"
                + custodians.stream().map(keys::name).collect(Collectors.joining("、")) + "）各自接收");
    }

    /** Recovery: every component presented, or nothing is done. */
    private void recover(KeyCeremony ceremony, Instant now) {
        List<KeyComponentRecord> held = components.findByCeremonyIdOrderByComponentIndex(ceremony.backupId());
        Map<Integer, KeyComponentRecord> presented = components.findByCeremonyIdOrderByComponentIndex(ceremony.id())
                .stream().collect(Collectors.toMap(KeyComponentRecord::index, Function.identity()));
        try {
            List<String> missing = new ArrayList<>();
            List<KeyComponent> opened = new ArrayList<>();
            for (KeyComponentRecord h : held) {
                KeyComponentRecord p = presented.get(h.index());
                if (p == null || !KeyComponentRecord.PRESENTED.equals(p.status()) || p.sealed() == null) {
                    missing.add("第 " + h.index() + " 号分量（保管人 " + keys.name(h.custodian()) + "）");
                } else {
                    opened.add(KeyComponent.parse(p.sealed()));
                }
            }
            if (!missing.isEmpty()) {
                throw new CeremonyFailure("缺少" + String.join("、", missing) + "：恢复需要全部 " + held.size()
                        + " 个分量，未做任何更改");
            }
            KeyId id = new KeyId(ceremony.keyLabel(), ceremony.keyVersion());
            Optional<KeyInfo> before = device.keyInfo(id);
            KeyInfo restored;
            try {
                restored = device.restoreKey(opened);
            } catch (CryptoException e) {
                throw new CeremonyFailure("分量不能还原密钥 " + id + "：" + e.getMessage() + "；未做任何更改");
            }
            boolean restoredNow = before.isEmpty() || before.get().state() == KeyState.DESTROYED;
            registry.findByLabelAndVersion(id.label(), id.version()).ifPresent(r -> {
                if (restoredNow) {
                    r.restored();
                }
            });
            events.publishEvent(new KeyRecovered(id.label(), id.version(), ceremony.regionCode(),
                    restored.checkValue(), ceremony.backupId(), restoredNow, ceremony.id()));
            ceremony.completed(restoredNow
                    ? "已由备份 " + ceremony.backupId() + " 的全部分量恢复 " + id + "，校验值 " + restored.checkValue()
                    : "备份 " + ceremony.backupId() + " 的全部分量还原出 " + id + "（校验值 " + restored.checkValue()
                    + "），与密码设备中的密钥一致：备份有效，无需恢复", now);
        } finally {
            presented.values().forEach(p -> p.cleared(now));
        }
    }
}
