package cn.healthcard.keys;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DatabaseSequences;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.crypto.device.KeyUsage;
import cn.healthcard.crypto.device.WrappedKey;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.keys.KeyEvents.KeyArchived;
import cn.healthcard.keys.KeyEvents.KeyBackedUp;
import cn.healthcard.keys.KeyEvents.KeyBackupCompleted;
import cn.healthcard.keys.KeyEvents.KeyCeremonyCoSigned;
import cn.healthcard.keys.KeyEvents.KeyCeremonyFailed;
import cn.healthcard.keys.KeyEvents.KeyCeremonyStarted;
import cn.healthcard.keys.KeyEvents.KeyComponentHandedOver;
import cn.healthcard.keys.KeyEvents.KeyComponentPresented;
import cn.healthcard.keys.KeyEvents.KeyComponentRejected;
import cn.healthcard.keys.KeyEvents.KeyComponentUnavailable;
import cn.healthcard.keys.KeyEvents.KeyDistributed;
import cn.healthcard.keys.KeyEvents.KeyGenerated;
import cn.healthcard.keys.KeyEvents.KeyReceiverRegistered;
import cn.healthcard.keys.KeyEvents.KeyRecovered;
import cn.healthcard.keys.KeyEvents.KeyUpdated;
import cn.healthcard.keys.internal.KeyCeremony;
import cn.healthcard.keys.internal.KeyCeremonyRepository;
import cn.healthcard.keys.internal.KeyComponentRecord;
import cn.healthcard.keys.internal.KeyComponentRepository;
import cn.healthcard.keys.internal.KeyReceiver;
import cn.healthcard.keys.internal.KeyReceiverRepository;
import cn.healthcard.keys.internal.KeyRecord;
import cn.healthcard.keys.internal.KeyRecordRepository;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.security.UserDirectory;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Key management (KEY-01, KEY-02, KEY-03; docs/decisions/014-key-hierarchy.md): the three-level key hierarchy on the
 * crypto device, and the key lifecycle — generate, update, back up and recover as key ceremonies under the two-person
 * rule (process {@code key-ceremony}: one key administrator starts, a different one co-signs before the operation
 * runs; checked here, not only on the screens), and so is the update of the personal-data key followed by the
 * re-encryption of the stored data ({@link KeyOperation#UPDATE_PD_KEY}, decision 017); distribute and archive by one
 * key administrator. Views, the BPMN delegates and REST all come through here. Every operation is audited with labels, versions and check values only;
 * no method returns or logs key material, components or custodians' secrets.
 *
 * <p>The crypto device is the authority on which key versions exist, their states and check values; the registry adds
 * where a version sits in the hierarchy and who made it from which parent.
 */
@Service
public class KeyManagementService {

    public static final String PROCESS_KEY = "key-ceremony";
    public static final String COSIGN_TASK = "coSignKeyCeremony";
    public static final String CUSTODY_TASK = "takeKeyComponentCustody";
    public static final String PRESENT_TASK = "presentKeyComponent";

    /** Outcomes of {@link #execute}, read by the process. */
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    static final int MIN_SECRET = 8;
    static final int MAX_SECRET = 64;
    static final int MIN_CUSTODIANS = 2;
    static final int MAX_CUSTODIANS = 3;

    private static final Set<CeremonyStatus> OPEN = EnumSet.of(CeremonyStatus.AWAITING_COSIGN,
            CeremonyStatus.AWAITING_CUSTODIANS);

    private final CryptoDevice device;
    private final KeyRecordRepository registry;
    private final KeyCeremonyRepository ceremonies;
    private final KeyComponentRepository components;
    private final KeyReceiverRepository receivers;
    private final InstitutionService institutions;
    private final UserAdministration users;
    private final UserDirectory directory;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final DatabaseSequences sequences;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PersonalDataKeyService personalData;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    KeyManagementService(CryptoDevice device, KeyRecordRepository registry, KeyCeremonyRepository ceremonies,
                         KeyComponentRepository components, KeyReceiverRepository receivers,
                         InstitutionService institutions, UserAdministration users, UserDirectory directory,
                         ProcessGateway processes, TaskInboxService inbox, DatabaseSequences sequences,
                         ApplicationEventPublisher events, Clock clock, PersonalDataKeyService personalData) {
        this.device = device;
        this.registry = registry;
        this.ceremonies = ceremonies;
        this.components = components;
        this.receivers = receivers;
        this.institutions = institutions;
        this.users = users;
        this.directory = directory;
        this.processes = processes;
        this.inbox = inbox;
        this.sequences = sequences;
        this.events = events;
        this.clock = clock;
        this.personalData = personalData;
    }

    // ---------------------------------------------------------------- what there is

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
            out.add(view(info, position.get(), records.get(info.id().toString())));
        }
        out.sort(Comparator.comparing((KeyView k) -> k.purpose().ordinal()).thenComparing(k -> k.level().number())
                .thenComparing(KeyView::regionCode).thenComparing(KeyView::version));
        return out;
    }

    /** One key version of the hierarchy. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public KeyView key(String label, int version) {
        KeyId id = keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .filter(p -> SecurityContextUsers.require().canSee(p.region().value()))
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        KeyInfo info = device.keyInfo(id).orElseThrow(() -> new NotFoundException("密钥 " + id + " 不存在"));
        return view(info, position, registry.findByLabelAndVersion(label, version).orElse(null));
    }

    /** Key ceremonies within the user's region, newest first (at most 200). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<CeremonyView> ceremonies() {
        CurrentUser me = SecurityContextUsers.require();
        return ceremonies.findTop200ByOrderByInitiatedAtDesc().stream().filter(c -> me.canSee(c.regionCode()))
                .map(this::view).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public CeremonyView ceremony(String ceremonyId) {
        return view(visibleCeremony(ceremonyId));
    }

    /** The ceremony of a task in the user's inbox (co-signature, custody, presentation). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView ceremonyForTask(String taskId) {
        return view(load(inbox.get(taskId).businessKey()));
    }

    /** The component a custody or presentation task is about, by number and check value. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public ComponentTask componentTask(String taskId) {
        TaskRef task = inbox.get(taskId);
        KeyCeremony ceremony = load(task.businessKey());
        String custodian = task.assignee();
        String source = ceremony.operation() == KeyOperation.RECOVER ? ceremony.backupId() : ceremony.id();
        KeyComponentRecord component = components.findByCeremonyIdAndCustodian(source, custodian)
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + source + " 中没有 " + custodian + " 保管的分量"));
        return new ComponentTask(ceremony.id(), ceremony.operation(), ceremony.keyLabel(),
                ceremony.keyVersion() == null ? 0 : ceremony.keyVersion(), ceremony.keyCheckValue(),
                ceremony.backupId(), component.index(), component.count(), custodian, component.checkValue());
    }

    /** Institutions registered to receive keys, with their transport KEKs by label, version and check value. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<ReceiverView> receivers() {
        CurrentUser me = SecurityContextUsers.require();
        return receivers.findAll().stream().map(this::view).filter(r -> me.canSee(r.regionCode()))
                .sorted(Comparator.comparing(ReceiverView::institutionCode)).toList();
    }

    /** The key administrators: who may co-sign and hold components. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public List<Custodian> keyAdministrators() {
        return users.all().stream().filter(u -> u.roles().contains(Role.KEY_ADMIN))
                .map(u -> new Custodian(u.username(), u.displayName()))
                .sorted(Comparator.comparing(Custodian::username)).toList();
    }

    /** The custodians of a ceremony, in component order (the collection of its multi-instance custody tasks). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSTEM')")
    public List<String> custodiansOf(String ceremonyId) {
        return load(ceremonyId).custodians();
    }

    // ---------------------------------------------------------------- key ceremonies (two-person rule)

    /**
     * Starts a key ceremony: checks the request, records it and starts process {@code key-ceremony}, which offers the
     * co-signature to the other key administrators. Nothing happens to any key until a different key administrator
     * co-signs.
     *
     * @throws DomainValidationException for a bad request, field by field (keys of forms/key-ceremony.form)
     * @throws ConflictException         if another ceremony of the same kind on the same key is still open
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView startCeremony(CeremonyRequest request) {
        CurrentUser me = SecurityContextUsers.require();
        List<FieldViolation> violations = new ArrayList<>();
        if (request.operation() == null) {
            throw new DomainValidationException("operation", "请选择「操作」");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            violations.add(new FieldViolation("reason", "请填写「事由」"));
        } else if (reason.length() > 500) {
            violations.add(new FieldViolation("reason", "「事由」最多500个字符"));
        }
        if (request.operation() == KeyOperation.UPDATE_PD_KEY) {
            PersonalDataKeyService.requireNational();
            if (personalData.deviceVersions().isEmpty()) {
                violations.add(new FieldViolation("operation", "密码设备中没有个人数据密钥 " + PersonalDataKeyService.LABEL
                        + "，无法更新"));
            }
            if (!violations.isEmpty()) {
                throw new DomainValidationException(violations);
            }
            return recordAndStart(me, request.operation(), null, null, RegionCode.NATIONAL.value(),
                    PersonalDataKeyService.LABEL, null, null, null, List.of(), reason);
        }
        KeyHierarchy.Position position = null;
        Integer keyVersion = null;
        String keyCheckValue = null;
        String backupId = null;
        List<String> custodians = List.of();
        if (request.operation() == KeyOperation.RECOVER) {
            if (request.backupId() == null || request.backupId().isBlank()) {
                violations.add(new FieldViolation("backupId", "请填写要恢复的「备份编号」"));
            } else {
                KeyCeremony backup = ceremonies.findById(request.backupId().strip())
                        .filter(c -> c.operation() == KeyOperation.BACKUP && me.canSee(c.regionCode()))
                        .orElse(null);
                if (backup == null) {
                    violations.add(new FieldViolation("backupId", "备份 " + request.backupId().strip() + " 不存在"));
                } else if (backup.status() != CeremonyStatus.COMPLETED) {
                    violations.add(new FieldViolation("backupId", "备份 " + backup.id() + " 尚未完成（「"
                            + backup.status().nameZh() + "」）：全部分量交保管人后才能用于恢复"));
                } else {
                    backupId = backup.id();
                    position = KeyHierarchy.parse(backup.keyLabel()).orElseThrow();
                    keyVersion = backup.keyVersion();
                    keyCheckValue = backup.keyCheckValue();
                    custodians = backup.custodians();
                }
            }
        } else {
            if (request.purpose() == null) {
                violations.add(new FieldViolation("purpose", "请选择「密钥用途」"));
            }
            if (request.level() == null) {
                violations.add(new FieldViolation("level", "请选择「密钥级别」"));
            }
            if (request.purpose() != null && request.level() != null) {
                try {
                    position = KeyHierarchy.position(request.purpose(), request.level(), request.regionCode());
                } catch (DomainValidationException e) {
                    violations.addAll(e.violations());
                }
            }
        }
        if (position != null) {
            requireScope(me, position);
            String label = position.label();
            List<KeyInfo> versions = versions(label);
            switch (request.operation()) {
                case GENERATE -> {
                    if (!versions.isEmpty()) {
                        violations.add(new FieldViolation("level", "密钥 " + label + " 已存在（版本 "
                                + versions.get(versions.size() - 1).id().version() + "），换新版本请选择「更新」"));
                    }
                    parentProblem(position).ifPresent(p -> violations.add(new FieldViolation("level", p)));
                }
                case UPDATE -> {
                    if (versions.isEmpty()) {
                        violations.add(new FieldViolation("level", "密钥 " + label + " 尚不存在，请先「生成」"));
                    }
                    parentProblem(position).ifPresent(p -> violations.add(new FieldViolation("level", p)));
                }
                case BACKUP -> {
                    KeyInfo chosen = backupVersion(label, versions, request.keyVersion(), violations);
                    if (chosen != null) {
                        keyVersion = chosen.id().version();
                        keyCheckValue = chosen.checkValue();
                    }
                    custodians = custodians(request.custodians(), violations);
                }
                case RECOVER -> {
                    // the backup was checked above
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        return recordAndStart(me, request.operation(), position.purpose(), position.level().number(),
                position.region().value(), position.label(), keyVersion, keyCheckValue, backupId, custodians, reason);
    }

    /**
     * A personal-data key update as a key ceremony (decision 017; {@code POST /api/v1/keys/personal-data/versions}):
     * nothing changes until a different key administrator co-signs; then the device makes the next version of
     * {@code pd.personal-data}, archives the older ones and the re-encryption run starts.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView startPersonalDataKeyUpdate(String reason) {
        return startCeremony(new CeremonyRequest(KeyOperation.UPDATE_PD_KEY, null, null, null, null, null, List.of(),
                reason));
    }

    /** Records a checked ceremony and starts its process, unless one of the same kind on the same key is open. */
    private CeremonyView recordAndStart(CurrentUser me, KeyOperation operation, KeyPurpose purpose, Integer level,
                                String regionCode, String label, Integer keyVersion, String keyCheckValue,
                                String backupId, List<String> custodians, String reason) {
        if (!ceremonies.findByKeyLabelAndStatusIn(label, OPEN).stream()
                .filter(c -> c.operation() == operation).toList().isEmpty()) {
            throw new ConflictException("KEY_CEREMONY_OPEN", "密钥 " + label + " 已有一个未完成的「"
                    + operation.nameZh() + "」密钥仪式，请先办结");
        }
        Instant now = clock.instant();
        String id = "KC" + LocalDate.now(clock.withZone(cn.healthcard.common.ChinaTime.ZONE))
                .format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%04d", sequences.next("key_ceremony_no_seq") % 10_000);
        KeyCeremony ceremony = ceremonies.save(new KeyCeremony(id, operation, purpose, level, regionCode, label,
                keyVersion, keyCheckValue, backupId, custodians, reason, me.username(), now));
        events.publishEvent(new KeyCeremonyStarted(id, ceremony.regionCode(), ceremony.operation(), ceremony.keyRef(),
                custodians, reason));
        Map<String, Object> variables = new HashMap<>();
        variables.put("ceremonyId", id);
        variables.put("operation", operation.name());
        variables.put(TaskInboxService.REGION_CODE, ceremony.regionCode());
        variables.put(TaskInboxService.APPLICANT_NAME, me.displayName());
        ceremony.processStarted(processes.start(PROCESS_KEY, id, variables));
        return view(ceremony);
    }

    /**
     * The co-signature (复核) of a ceremony by a second key administrator: approve — the operation runs at once (a
     * recovery first waits for its custodians) — or refuse with a comment. The initiator may not co-sign their own
     * ceremony (two-person rule).
     *
     * @throws AccessDeniedException if the current user started the ceremony
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView coSign(String taskId, String decision, String comment) {
        CurrentUser me = SecurityContextUsers.require();
        KeyCeremony ceremony = load(task(taskId, COSIGN_TASK).businessKey());
        if (me.username().equals(ceremony.initiatedBy())) {
            throw new AccessDeniedException("双人控制：密钥仪式 " + ceremony.id() + " 由您发起，须由另一名密钥管理员复核");
        }
        if (!"APPROVE".equals(decision) && !"REFUSE".equals(decision)) {
            throw new DomainValidationException("decision", "请选择「复核结论」");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if ("REFUSE".equals(decision) && text == null) {
            throw new DomainValidationException("comment", "不同意执行时请填写「复核意见」");
        }
        if (text != null && text.length() > 500) {
            throw new DomainValidationException("comment", "「复核意见」最多500个字符");
        }
        if (ceremony.operation() == KeyOperation.UPDATE_PD_KEY) {
            PersonalDataKeyService.requireNational();
        } else {
            requireScope(me, KeyHierarchy.parse(ceremony.keyLabel()).orElseThrow());
        }
        ceremony.coSigned(me.username(), "APPROVE".equals(decision), text, clock.instant());
        events.publishEvent(new KeyCeremonyCoSigned(ceremony.id(), ceremony.regionCode(), ceremony.initiatedBy(),
                decision, text));
        inbox.complete(taskId, Map.of("coSignDecision", decision));
        return view(ceremony);
    }

    /**
     * Runs a co-signed ceremony's operation (BPMN task {@code executeKeyCeremony}). A failure that leaves the keys as
     * they were (a missing component, a key made meanwhile) ends the ceremony as FAILED with its reason, audited.
     *
     * @return {@value #SUCCEEDED} or {@value #FAILED}
     * @throws IllegalStateException if the ceremony lacks a co-signature by a second person
     */
    @Transactional
    @PreAuthorize("hasRole('SYSTEM')")
    public String execute(String ceremonyId) {
        KeyCeremony ceremony = load(ceremonyId);
        if (ceremony.cosignedBy() == null || ceremony.cosignedBy().equals(ceremony.initiatedBy())) {
            throw new IllegalStateException("Key ceremony " + ceremonyId + " was not co-signed by a second person");
        }
        Instant now = clock.instant();
        try {
            switch (ceremony.operation()) {
                case GENERATE, UPDATE -> create(ceremony, now);
                case BACKUP -> backUp(ceremony, now);
                case RECOVER -> recover(ceremony, now);
                case UPDATE_PD_KEY -> updatePersonalData(ceremony, now);
            }
            return SUCCEEDED;
        } catch (CeremonyFailure | CryptoException e) {
            ceremony.failed(e.getMessage(), now);
            events.publishEvent(new KeyCeremonyFailed(ceremony.id(), ceremony.regionCode(), ceremony.operation(),
                    ceremony.keyRef(), e.getMessage()));
            return FAILED;
        }
    }

    /**
     * A custodian takes their component of a backup into custody: the device seals it under a key derived from the
     * secret the custodian sets here (typed twice). The secret is neither stored nor shown; without it the component
     * cannot be presented for a recovery.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView takeCustody(String taskId, String secret, String secretRepeat) {
        CurrentUser me = SecurityContextUsers.require();
        TaskRef task = task(taskId, CUSTODY_TASK);
        KeyCeremony ceremony = load(task.businessKey());
        ceremony.require(CeremonyStatus.AWAITING_CUSTODIANS);
        KeyComponentRecord component = myComponent(ceremony.id(), me, task);
        if (!KeyComponentRecord.PENDING.equals(component.status())) {
            throw new ConflictException("COMPONENT_HELD", "分量 " + component.index() + " 已由保管人接收");
        }
        List<FieldViolation> violations = new ArrayList<>();
        checkSecret(secret, violations);
        if (secret != null && !secret.equals(secretRepeat)) {
            violations.add(new FieldViolation("secretRepeat", "两次输入的「分量口令」不一致"));
        }
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        char[] chars = secret.toCharArray();
        try {
            KeyComponent sealed = device.sealComponent(KeyComponent.parse(component.sealed()), chars);
            component.held(sealed.encoded(), clock.instant());
        } finally {
            Arrays.fill(chars, '\0');
        }
        events.publishEvent(new KeyComponentHandedOver(ceremony.id(), ceremony.regionCode(), ceremony.keyRef(),
                component.index(), component.count(), me.username(), component.checkValue()));
        List<KeyComponentRecord> all = components.findByCeremonyIdOrderByComponentIndex(ceremony.id());
        if (all.stream().allMatch(c -> KeyComponentRecord.HELD.equals(c.status()))) {
            ceremony.completed("备份完成：" + all.size() + " 个分量均已由保管人接收（"
                    + all.stream().map(c -> name(c.custodian())).collect(Collectors.joining("、")) + "）",
                    clock.instant());
            events.publishEvent(new KeyBackupCompleted(ceremony.id(), ceremony.regionCode(), ceremony.keyRef(),
                    all.size()));
        }
        inbox.complete(taskId, Map.of());
        return view(ceremony);
    }

    /**
     * A custodian presents their component for a recovery with its secret (the device opens it and keeps it wrapped
     * under its KEK until the recovery runs), or declares it unavailable — then the recovery will fail, changing
     * nothing. A wrong secret, or a component that is not this backup's, is refused here with its reason (audited)
     * and the task stays open.
     */
    @Transactional(noRollbackFor = DomainValidationException.class)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView presentComponent(String taskId, boolean available, String secret) {
        CurrentUser me = SecurityContextUsers.require();
        TaskRef task = task(taskId, PRESENT_TASK);
        KeyCeremony ceremony = load(task.businessKey());
        ceremony.require(CeremonyStatus.AWAITING_CUSTODIANS);
        KeyComponentRecord held = myComponent(ceremony.backupId(), me, task);
        Instant now = clock.instant();
        if (!available) {
            components.save(new KeyComponentRecord(ceremony.id(), held.index(), held.count(), me.username(),
                    KeyComponentRecord.UNAVAILABLE, held.checkValue(), null, now));
            events.publishEvent(new KeyComponentUnavailable(ceremony.id(), ceremony.regionCode(), ceremony.backupId(),
                    held.index(), held.count(), me.username()));
            inbox.complete(taskId, Map.of());
            return view(ceremony);
        }
        List<FieldViolation> violations = new ArrayList<>();
        checkSecret(secret, violations);
        if (!violations.isEmpty()) {
            throw new DomainValidationException(violations);
        }
        KeyComponent component;
        try {
            component = KeyComponent.parse(held.sealed());
        } catch (IllegalArgumentException e) {
            throw rejected(ceremony, held, me, "分量记录已损坏，无法读取");
        }
        if (!component.setId().equals(ceremony.backupId()) || component.index() != held.index()
                || !component.keyCheckValue().equals(ceremony.keyCheckValue())) {
            throw rejected(ceremony, held, me, "分量不属于备份 " + ceremony.backupId() + " 的第 " + held.index()
                    + " 号分量（它是备份 " + component.setId() + " 的第 " + component.index() + " 号分量）");
        }
        char[] chars = secret.toCharArray();
        KeyComponent opened;
        try {
            opened = device.openComponent(component, chars, device.currentKey(CryptoDevice.KEK_LABEL));
        } catch (CryptoException e) {
            throw rejected(ceremony, held, me, "分量口令错误，或分量已被篡改");
        } finally {
            Arrays.fill(chars, '\0');
        }
        components.save(new KeyComponentRecord(ceremony.id(), held.index(), held.count(), me.username(),
                KeyComponentRecord.PRESENTED, held.checkValue(), opened.encoded(), now));
        events.publishEvent(new KeyComponentPresented(ceremony.id(), ceremony.regionCode(), ceremony.backupId(),
                held.index(), held.count(), me.username(), held.checkValue()));
        inbox.complete(taskId, Map.of());
        return view(ceremony);
    }

    // ---------------------------------------------------------------- one key administrator

    /**
     * Distributes a provincial or city key to a registered receiver within its region (the lower-level centre, a card
     * maker): the device exports it wrapped under the receiver's transport KEK; the result is a file of format HCKD1.
     * The national root is never distributed; archived keys are not distributed.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public KeyDistribution distribute(String label, int version, String receiverCode) {
        CurrentUser me = SecurityContextUsers.require();
        KeyId id = keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不属于密钥体系"));
        requireScope(me, position);
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
     * Archives a key version: it stops doing new work (no derivation, no export) but keeps decrypting and verifying
     * what it protected.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public KeyView archive(String label, int version, String reason) {
        CurrentUser me = SecurityContextUsers.require();
        KeyId id = keyId(label, version);
        KeyHierarchy.Position position = KeyHierarchy.parse(label)
                .orElseThrow(() -> new NotFoundException("密钥 " + id + " 不属于密钥体系"));
        requireScope(me, position);
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
        return view(info, position, registry.findByLabelAndVersion(label, version).orElse(null));
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
        String label = "transport." + institution.code().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
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
        return new ReceiverRegistration(view(receiver), java.util.Base64.getEncoder().encodeToString(envelope));
    }

    // ---------------------------------------------------------------- the operations

    /** Thrown inside {@link #execute} for a failure that changes nothing: the ceremony ends as FAILED. */
    private static final class CeremonyFailure extends RuntimeException {
        CeremonyFailure(String message) {
            super(message);
        }
    }

    /** Generation (a new label) and update (the next version; older active versions archived). */
    private void create(KeyCeremony ceremony, Instant now) {
        KeyHierarchy.Position position = KeyHierarchy.parse(ceremony.keyLabel()).orElseThrow();
        String label = position.label();
        List<KeyInfo> versions = versions(label);
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
                + custodians.stream().map(this::name).collect(Collectors.joining("、")) + "）各自接收");
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
                    missing.add("第 " + h.index() + " 号分量（保管人 " + name(h.custodian()) + "）");
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

    // ---------------------------------------------------------------- helpers

    private Optional<String> parentProblem(KeyHierarchy.Position position) {
        return position.parent().map(KeyHierarchy.Position::label).filter(parent -> versions(parent).stream()
                .noneMatch(k -> k.state() == KeyState.ACTIVE))
                .map(parent -> "上级密钥 " + parent + " 尚无在用版本，请先生成上级密钥");
    }

    private KeyInfo backupVersion(String label, List<KeyInfo> versions, Integer requested,
                                  List<FieldViolation> violations) {
        if (versions.isEmpty()) {
            violations.add(new FieldViolation("level", "密钥 " + label + " 不存在"));
            return null;
        }
        Optional<KeyInfo> chosen = requested == null
                ? versions.stream().filter(k -> k.state() == KeyState.ACTIVE).reduce((a, b) -> b)
                : versions.stream().filter(k -> k.id().version() == requested).findFirst();
        if (chosen.isEmpty()) {
            violations.add(new FieldViolation("keyVersion", requested == null ? "密钥 " + label + " 没有在用版本，请填写「版本」"
                    : "密钥 " + label + " 没有版本 " + requested));
            return null;
        }
        if (chosen.get().state() == KeyState.DESTROYED) {
            violations.add(new FieldViolation("keyVersion", "密钥 " + chosen.get().id() + " 已销毁，不能备份"));
            return null;
        }
        return chosen.get();
    }

    private List<String> custodians(List<String> requested, List<FieldViolation> violations) {
        List<String> names = requested.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
        if (names.size() < MIN_CUSTODIANS) {
            violations.add(new FieldViolation("custodian" + (names.size() + 1),
                    "备份至少需要 " + MIN_CUSTODIANS + " 名不同的保管人"));
            return names;
        }
        if (names.size() > MAX_CUSTODIANS) {
            violations.add(new FieldViolation("custodian" + (MAX_CUSTODIANS + 1), "保管人最多 " + MAX_CUSTODIANS + " 名"));
        }
        Set<String> keyAdmins = users.all().stream().filter(u -> u.roles().contains(Role.KEY_ADMIN))
                .map(UserAdministration.UserSummary::username).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!keyAdmins.contains(names.get(i))) {
                violations.add(new FieldViolation("custodian" + (i + 1), names.get(i) + " 不是密钥管理员"));
            } else if (!seen.add(names.get(i))) {
                violations.add(new FieldViolation("custodian" + (i + 1), "每名保管人只保管一个分量：" + name(names.get(i))
                        + " 重复"));
            }
        }
        return names;
    }

    private static void checkSecret(String secret, List<FieldViolation> violations) {
        if (secret == null || secret.isEmpty()) {
            violations.add(new FieldViolation("secret", "请填写「分量口令」"));
        } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            violations.add(new FieldViolation("secret", "「分量口令」应为" + MIN_SECRET + "至" + MAX_SECRET + "个字符"));
        }
    }

    private DomainValidationException rejected(KeyCeremony ceremony, KeyComponentRecord held, CurrentUser me,
                                               String reason) {
        events.publishEvent(new KeyComponentRejected(ceremony.id(), ceremony.regionCode(), ceremony.backupId(),
                held.index(), me.username(), reason));
        return new DomainValidationException("secret", reason + "：分量未被接受，可重新输入");
    }

    /** The component of {@code ceremonyId} held by the current user, who must be the task's custodian. */
    private KeyComponentRecord myComponent(String ceremonyId, CurrentUser me, TaskRef task) {
        if (!me.username().equals(task.assignee())) {
            throw new AccessDeniedException("此分量由 " + name(task.assignee()) + " 保管，只能由本人办理");
        }
        return components.findByCeremonyIdAndCustodian(ceremonyId, me.username())
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + ceremonyId + " 中没有您保管的分量"));
    }

    /** Level 1 and 2 keys are the national centre's (002 §15); a level-3 key is its province's or city's. */
    private static void requireScope(CurrentUser me, KeyHierarchy.Position position) {
        boolean allowed = position.level() == KeyLevel.CITY ? me.canSee(position.region().value())
                : me.region().level() == RegionCode.Level.NATIONAL;
        if (!allowed) {
            throw new AccessDeniedException("密钥 " + position.label() + " 不在您的管理范围内：一级、二级密钥由国家注册管理中心管理，"
                    + "三级密钥由所在省、市管理");
        }
    }

    private TaskRef task(String taskId, String definitionKey) {
        TaskRef task = inbox.get(taskId);
        if (!definitionKey.equals(task.taskDefinitionKey()) || !PROCESS_KEY.equals(task.processDefinitionKey())) {
            throw new NotFoundException("任务不存在或已办结");
        }
        return task;
    }

    private KeyCeremony load(String ceremonyId) {
        return ceremonies.findById(ceremonyId)
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + ceremonyId + " 不存在"));
    }

    private KeyCeremony visibleCeremony(String ceremonyId) {
        KeyCeremony ceremony = load(ceremonyId);
        if (!SecurityContextUsers.require().canSee(ceremony.regionCode())) {
            throw new NotFoundException("密钥仪式 " + ceremonyId + " 不存在");
        }
        return ceremony;
    }

    /** Every version of a label on the device, oldest first. */
    private List<KeyInfo> versions(String label) {
        return device.listKeys().stream().filter(k -> k.id().label().equals(label))
                .sorted(Comparator.comparingInt(k -> k.id().version())).toList();
    }

    private static KeyId keyId(String label, int version) {
        try {
            return new KeyId(label, version);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("密钥 " + label + " v" + version + " 不存在");
        }
    }

    private String name(String username) {
        return username == null ? null : directory.displayName(username);
    }

    private KeyView view(KeyInfo info, KeyHierarchy.Position position, KeyRecord record) {
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

    private CeremonyView view(KeyCeremony c) {
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

    private ReceiverView view(KeyReceiver r) {
        Institution institution = institutions.get(r.institutionCode());
        return new ReceiverView(r.institutionCode(), institution.name(), institution.kind().name(),
                institution.region().value(), r.transportLabel(), r.transportVersion(), r.transportCheckValue(),
                name(r.registeredBy()), r.registeredAt());
    }
}
