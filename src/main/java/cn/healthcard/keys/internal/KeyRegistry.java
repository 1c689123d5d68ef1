package cn.healthcard.keys.internal;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.CeremonyStatus;
import cn.healthcard.keys.CeremonyView;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyView;
import cn.healthcard.keys.ReceiverView;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What the key services share (inventory, ceremonies, distribution): the versions of a label on the crypto device,
 * the ceremony records, the scope rule of the hierarchy and the views, with people's display names. No role checks
 * here: every caller is a secured service method of {@code cn.healthcard.keys}.
 */
@Component
public class KeyRegistry {

    private final CryptoDevice device;
    private final KeyCeremonyRepository ceremonies;
    private final KeyComponentRepository components;
    private final InstitutionService institutions;
    private final UserDirectory directory;

    KeyRegistry(CryptoDevice device, KeyCeremonyRepository ceremonies, KeyComponentRepository components,
                InstitutionService institutions, UserDirectory directory) {
        this.device = device;
        this.ceremonies = ceremonies;
        this.components = components;
        this.institutions = institutions;
        this.directory = directory;
    }

    /** Every version of a label on the device, oldest first (destroyed ones included). */
    public List<KeyInfo> versions(String label) {
        return device.versions(label);
    }

    /** A ceremony by id. */
    public KeyCeremony load(String ceremonyId) {
        return ceremonies.findById(ceremonyId)
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + ceremonyId + " 不存在"));
    }

    /** A ceremony by id, not found when it lies outside the current user's region. */
    public KeyCeremony visibleCeremony(String ceremonyId) {
        KeyCeremony ceremony = load(ceremonyId);
        if (!SecurityContextUsers.require().canSee(ceremony.regionCode())) {
            throw new NotFoundException("密钥仪式 " + ceremonyId + " 不存在");
        }
        return ceremony;
    }

    /** Level 1 and 2 keys are the national centre's (002 §15); a level-3 key is its province's or city's. */
    public static void requireScope(CurrentUser me, KeyHierarchy.Position position) {
        boolean allowed = position.level() == KeyLevel.CITY ? me.canSee(position.region().value())
                : me.region().level() == RegionCode.Level.NATIONAL;
        if (!allowed) {
            throw new AccessDeniedException("密钥 " + position.label() + " 不在您的管理范围内：一级、二级密钥由国家注册管理中心管理，"
                    + "三级密钥由所在省、市管理");
        }
    }

    /** The key id of a path or form: not found when the label or version is not one. */
    public static KeyId keyId(String label, int version) {
        try {
            return new KeyId(label, version);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("密钥 " + label + " v" + version + " 不存在");
        }
    }

    /** A user's display name (null for null). */
    public String name(String username) {
        return username == null ? null : directory.displayName(username);
    }

    public KeyView view(KeyInfo info, KeyHierarchy.Position position, KeyRecord record) {
        List<KeyCeremony> backups = ceremonies.findByOperationAndStatusAndKeyLabelAndKeyVersionOrderByCompletedAtDesc(
                KeyOperation.BACKUP, CeremonyStatus.COMPLETED, info.id().label(), info.id().version());
        KeyCeremony backup = backups.isEmpty() ? null : backups.get(0);
        return new KeyView(info.id().label(), info.id().version(), position.purpose(), position.level(),
                position.region().value(), KeyHierarchy.regionName(position.region()), info.state(), info.origin(),
                info.checkValue(), info.created(), record == null ? null : record.parent(),
                record == null ? null : record.ceremonyId(), record == null ? null : name(record.createdBy()),
                record == null ? null : name(record.approvedBy()),
                backup == null ? List.of() : backup.custodians().stream().map(this::name).toList(),
                backup == null ? null : backup.id());
    }

    public CeremonyView view(KeyCeremony c) {
        List<CeremonyView.ComponentView> parts = components.findByCeremonyIdOrderByComponentIndex(c.id()).stream()
                .map(p -> new CeremonyView.ComponentView(p.index(), p.count(), p.custodian(), name(p.custodian()),
                        p.status(), p.checkValue(), p.updatedAt())).toList();
        RegionCode region = RegionCode.of(c.regionCode());
        return new CeremonyView(c.id(), c.operation(), c.purpose(),
                c.keyLevel() == null ? null : KeyLevel.of(c.keyLevel()), c.regionCode(),
                KeyHierarchy.regionName(region), c.keyLabel(), c.keyVersion(), c.keyCheckValue(), c.backupId(),
                c.custodians(), c.custodians().stream().map(this::name).toList(), c.reason(), c.status(),
                c.initiatedBy(), name(c.initiatedBy()), c.initiatedAt(), c.cosignedBy(), name(c.cosignedBy()),
                c.cosignedAt(), c.cosignComment(), c.outcome(), c.completedAt(), parts);
    }

    public ReceiverView view(KeyReceiver r) {
        Institution institution = institutions.get(r.institutionCode());
        return new ReceiverView(r.institutionCode(), institution.name(), institution.kind().name(),
                institution.region().value(), r.transportLabel(), r.transportVersion(), r.transportCheckValue(),
                name(r.registeredBy()), r.registeredAt());
    }
}
