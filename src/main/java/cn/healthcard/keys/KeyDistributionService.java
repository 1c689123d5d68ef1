package cn.healthcard.keys;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.KeyEvents.KeyDistributed;
import cn.healthcard.keys.KeyEvents.KeyReceiverRegistered;
import cn.healthcard.keys.internal.KeyReceiver;
import cn.healthcard.keys.internal.KeyReceiverRepository;
import cn.healthcard.keys.internal.KeyRegistry;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.SecurityContextUsers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key distribution (KEY-03; docs/decisions/014-key-hierarchy.md): the institutions registered to receive keys, each
 * with a transport KEK sent to it in an SM2 envelope, and the distribution of a provincial or city key to one of them
 * as a file of format HCKD1 (the key wrapped under the receiver's transport KEK), by one key administrator. Audited
 * with labels, versions and check values only.
 */
@Service
public class KeyDistributionService {

    private final CryptoDevice device;
    private final KeyReceiverRepository receivers;
    private final InstitutionService institutions;
    private final KeyRegistry keys;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    KeyDistributionService(CryptoDevice device, KeyReceiverRepository receivers, InstitutionService institutions,
                           KeyRegistry keys, ApplicationEventPublisher events, Clock clock) {
        this.device = device;
        this.receivers = receivers;
        this.institutions = institutions;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    /** Institutions registered to receive keys, with their transport KEKs by label, version and check value. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<ReceiverView> receivers() {
        CurrentUser me = SecurityContextUsers.require();
        return receivers.findAll().stream().map(keys::view).filter(r -> me.canSee(r.regionCode()))
                .sorted(Comparator.comparing(ReceiverView::institutionCode)).toList();
    }

    /**
     * Distributes a provincial or city key to a registered receiver within its region (the lower-level centre, a card
     * maker): the device exports it wrapped under the receiver's transport KEK; the result is a file of format HCKD1.
     * The national root is never distributed; archived keys are not distributed.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public KeyDistribution distribute(String label, int version, String receiverCode) {
        CurrentUser me = SecurityContextUsers.require();
        KeyId id = KeyRegistry.keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不属于密钥体系"));
        KeyRegistry.requireScope(me, position);
        KeyInfo info = device.keyInfo(id).orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        if (position.level() == KeyLevel.NATIONAL) {
            throw new DomainValidationException("key", "一级根密钥不分发：下级使用由它派生的二级密钥");
        }
        if (info.state() != KeyState.ACTIVE) {
            throw new DomainValidationException("key", "密钥 " + id + " 已" + (info.state() == KeyState.ARCHIVED
                    ? "归档" : "销毁") + "，不能分发");
        }
        if (receiverCode == null || receiverCode.isBlank()) {
            throw new DomainValidationException("receiver", "请选择「接收方」");
        }
        KeyReceiver receiver = receivers.findById(receiverCode.strip())
                .orElseThrow(() -> new DomainValidationException("receiver", "接收方 " + receiverCode + " 未登记传输密钥"));
        Institution institution = institutions.get(receiver.institutionCode());
        if (!position.region().covers(institution.region())) {
            throw new DomainValidationException("receiver", institution.name() + "（" + institution.region()
                    + "）不在密钥 " + label + " 的辖区 " + KeyHierarchy.regionName(position.region()) + " 内");
        }
        KeyId transport = device.currentKey(receiver.transportLabel());
        WrappedKey wrapped = device.exportKey(id, transport);
        String transportCheckValue = device.keyCheckValue(transport);
        Instant now = clock.instant();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", "HCKD1");
        file.put("label", label);
        file.put("version", version);
        file.put("purpose", position.purpose().name());
        file.put("level", position.level().number());
        file.put("regionCode", position.region().value());
        file.put("usage", info.usage().name());
        file.put("checkValue", info.checkValue());
        file.put("receiver", Map.of("institutionCode", institution.code(), "name", institution.name()));
        file.put("transportKey", Map.of("label", transport.label(), "version", transport.version(),
                "checkValue", transportCheckValue));
        file.put("wrappedKey", wrapped.encoded());
        file.put("distributedAt", now.toString());
        file.put("distributedBy", me.username());
        events.publishEvent(new KeyDistributed(label, version, position.region().value(), info.checkValue(),
                institution.code(), transport.toString(), transportCheckValue));
        try {
            return new KeyDistribution(label + "-v" + version + "-" + institution.code() + ".hckd.json",
                    json.writeValueAsString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers an institution (a lower-level registration centre or a card maker) as a receiver of keys: the device
     * generates a transport KEK for it ({@code transport.<code>}, a new version when it had one) and sends it in an SM2
     * envelope to the receiver's transport public key, which only the receiver's device opens.
     *
     * @param publicKeyHex the receiver's SM2 transport public key, {@code 04 || x || y} in hex (130 digits)
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public ReceiverRegistration registerReceiver(String institutionCode, String publicKeyHex) {
        CurrentUser me = SecurityContextUsers.require();
        Institution institution;
        try {
            institution = institutions.get(institutionCode);
        } catch (NotFoundException e) {
            throw new DomainValidationException("institutionCode", "机构 " + institutionCode + " 不存在");
        }
        if (!me.canSee(institution.region().value())) {
            throw new AccessDeniedException("机构 " + institution.name() + " 不在您的辖区内");
        }
        if (institution.kind() != InstitutionKind.CARD_MAKER
                && !(institution.kind() == InstitutionKind.REGISTRATION_CENTRE
                && institution.region().level() != RegionCode.Level.NATIONAL)) {
            throw new DomainValidationException("institutionCode", "接收方应为下级注册管理中心或制卡机构");
        }
        byte[] publicKey;
        try {
            publicKey = java.util.HexFormat.of().parseHex(publicKeyHex == null ? "" : publicKeyHex.strip());
        } catch (IllegalArgumentException e) {
            throw new DomainValidationException("publicKey", "「传输公钥」应为十六进制的 SM2 公钥（04 开头，130 位）");
        }
        if (publicKey.length != 65 || publicKey[0] != 0x04) {
            throw new DomainValidationException("publicKey", "「传输公钥」应为十六进制的 SM2 公钥（04 开头，130 位）");
        }
        try {
            device.sm2Encrypt(publicKey, new byte[]{0}); // a point on the curve, before a key is made for it
        } catch (IllegalArgumentException | CryptoException e) {
            throw new DomainValidationException("publicKey", "「传输公钥」不是有效的 SM2 公钥");
        }
        String label = KeyId.transportLabel(institution.code());
        KeyInfo kek = device.generateSymmetricKey(label, KeyUsage.KEY_ENCRYPTION);
        byte[] envelope = device.exportKeyEnvelope(kek.id(), publicKey);
        Instant now = clock.instant();
        KeyReceiver receiver = receivers.findById(institution.code()).orElse(null);
        if (receiver == null) {
            receiver = receivers.save(new KeyReceiver(institution.code(), label, kek.id().version(), kek.checkValue(),
                    me.username(), now));
        } else {
            receiver.registered(label, kek.id().version(), kek.checkValue(), me.username(), now);
        }
        events.publishEvent(new KeyReceiverRegistered(institution.code(), institution.region().value(),
                kek.id().toString(), kek.checkValue()));
        return new ReceiverRegistration(keys.view(receiver), java.util.Base64.getEncoder().encodeToString(envelope));
    }
}
