package cn.healthcard.keys;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.keys.KeyEvents.KeyArchived;
import cn.healthcard.keys.internal.KeyRecord;
import cn.healthcard.keys.internal.KeyRecordRepository;
import cn.healthcard.keys.internal.KeyRegistry;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The key inventory (KEY-01, KEY-03; docs/decisions/014-key-hierarchy.md): the keys of the three-level hierarchy on
 * the crypto device, every version with its state, origin, check value, parent, ceremony and custodians; and the
 * archiving of a version by one key administrator. Metadata and check values only, never material.
 *
 * <p>The crypto device is the authority on which key versions exist, their states and check values; the registry adds
 * where a version sits in the hierarchy and who made it from which parent.
 */
@Service
public class KeyInventoryService {

    private final CryptoDevice device;
    private final KeyRecordRepository registry;
    private final KeyRegistry keys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyInventoryService(CryptoDevice device, KeyRecordRepository registry, KeyRegistry keys,
                        ApplicationEventPublisher events, Clock clock) {
        this.device = device;
        this.registry = registry;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The keys of the hierarchy within the user's region (a national key administrator sees all), every version, in
     * label and version order: metadata and check values, never material.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<KeyView> keys() {
        CurrentUser me = SecurityContextUsers.require();
        Map<String, KeyRecord> records = registry.findAll().stream()
                .collect(Collectors.toMap(r -> r.label() + " v" + r.version(), Function.identity()));
        List<KeyView> out = new ArrayList<>();
        for (KeyInfo info : device.listKeys()) {
            Optional<KeyHierarchy.Position> position = KeyHierarchy.parse(info.id().label());
            if (position.isEmpty() || !me.canSee(position.get().region().value())) {
                continue;
            }
            out.add(keys.view(info, position.get(), records.get(info.id().toString())));
        }
        out.sort(Comparator.comparing((KeyView k) -> k.purpose().ordinal()).thenComparing(k -> k.level().number())
                .thenComparing(KeyView::regionCode).thenComparing(KeyView::version));
        return out;
    }

    /** One key version of the hierarchy. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public KeyView key(String label, int version) {
        KeyId id = KeyRegistry.keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .filter(p -> SecurityContextUsers.require().canSee(p.region().value()))
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        KeyInfo info = device.keyInfo(id).orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        return keys.view(info, position, registry.findByLabelAndVersion(label, version).orElse(null));
    }

    /**
     * Archives a key version: it stops doing new work (no derivation, no export) but keeps decrypting and verifying
     * what it protected.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public KeyView archive(String label, int version, String reason) {
        CurrentUser me = SecurityContextUsers.require();
        KeyId id = KeyRegistry.keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不属于密钥体系"));
        KeyRegistry.requireScope(me, position);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw new DomainValidationException("reason", text.isEmpty() ? "请填写归档「事由」" : "「事由」最多500个字符");
        }
        KeyInfo before = device.keyInfo(id).orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        if (before.state() != KeyState.ACTIVE) {
            throw new ConflictException("KEY_NOT_ACTIVE", "密钥 " + id + " 已不是在用状态");
        }
        KeyInfo info = device.archive(id);
        Instant now = clock.instant();
        registry.findByLabelAndVersion(label, version).ifPresent(r -> r.archived(me.username(), now));
        events.publishEvent(new KeyArchived(label, version, position.region().value(), info.checkValue(), text));
        return keys.view(info, position, registry.findByLabelAndVersion(label, version).orElse(null));
    }
}
