package cn.healthcard.keys;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyComponent;
import cn.healthcard.keys.KeyEvents.KeyBackupCompleted;
import cn.healthcard.keys.KeyEvents.KeyCeremonyCoSigned;
import cn.healthcard.keys.KeyEvents.KeyCeremonyFailed;
import cn.healthcard.keys.KeyEvents.KeyCeremonyStarted;
import cn.healthcard.keys.KeyEvents.KeyComponentHandedOver;
import cn.healthcard.keys.KeyEvents.KeyComponentPresented;
import cn.healthcard.keys.KeyEvents.KeyComponentRejected;
import cn.healthcard.keys.KeyEvents.KeyComponentUnavailable;
import cn.healthcard.keys.internal.CeremonyRules;
import cn.healthcard.keys.internal.KeyCeremony;
import cn.healthcard.keys.internal.KeyCeremonyRepository;
import cn.healthcard.keys.internal.KeyComponentRecord;
import cn.healthcard.keys.internal.KeyComponentRepository;
import cn.healthcard.keys.internal.KeyRegistry;
import cn.healthcard.security.CurrentUser;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.workflow.CaseNumbers;
import cn.healthcard.workflow.CaseTasks;
import cn.healthcard.workflow.ProcessGateway;
import cn.healthcard.workflow.Review;
import cn.healthcard.workflow.TaskInboxService;
import cn.healthcard.workflow.TaskRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Key ceremonies (KEY-01, KEY-02; docs/decisions/014-key-hierarchy.md): generate, update, back up and recover a key of
 * the hierarchy, and update the personal-data key (decision 017), under the two-person rule (process
 * {@code key-ceremony}: one key administrator starts, a different one co-signs before the operation runs; checked
 * here, not only on the screens); the custodians take their backup components into custody and present them for a
 * recovery. The request's fields are checked by {@link CeremonyRules}; the operations themselves run in
 * {@link KeyCeremonyOperations}. Every step is audited with labels, versions and check values only; no method returns
 * or logs key material, components or custodians' secrets.
 */
@Service
public class KeyCeremonyService {

    public static final String PROCESS_KEY = "key-ceremony";
    public static final String COSIGN_TASK = "coSignKeyCeremony";
    public static final String CUSTODY_TASK = "takeKeyComponentCustody";
    public static final String PRESENT_TASK = "presentKeyComponent";

    /** Ceremony numbers: {@code KC} + date in China + 4-digit serial, e.g. {@code KC202611220007}. */
    static final CaseNumbers.Format NUMBER = new CaseNumbers.Format("KC", "key_ceremony_no_seq", 4);

    /** The process variable of the co-signature, {@code APPROVE} or {@code REFUSE} (the BPMN's gateway tests it). */
    public static final String COSIGN_DECISION = "coSignDecision";

    /** Outcomes of {@link #execute}, read by the process. */
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private static final Set<CeremonyStatus> OPEN = EnumSet.of(CeremonyStatus.AWAITING_COSIGN,
            CeremonyStatus.AWAITING_CUSTODIANS);

    private final CryptoDevice device;
    private final KeyRegistry registry;
    private final KeyCeremonyRepository ceremonies;
    private final KeyComponentRepository components;
    private final KeyCeremonyOperations operations;
    private final UserAdministration users;
    private final ProcessGateway processes;
    private final TaskInboxService inbox;
    private final CaseTasks tasks;
    private final CaseNumbers numbers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyCeremonyService(CryptoDevice device, KeyRegistry registry, KeyCeremonyRepository ceremonies,
                       KeyComponentRepository components, KeyCeremonyOperations operations, UserAdministration users,
                       ProcessGateway processes, TaskInboxService inbox, CaseTasks tasks, CaseNumbers numbers,
                       ApplicationEventPublisher events, Clock clock) {
        this.device = device;
        this.registry = registry;
        this.ceremonies = ceremonies;
        this.components = components;
        this.operations = operations;
        this.users = users;
        this.processes = processes;
        this.inbox = inbox;
        this.tasks = tasks;
        this.numbers = numbers;
        this.events = events;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- what there is

    /** Key ceremonies within the user's region, newest first (at most 200). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public List<CeremonyView> ceremonies() {
        CurrentUser me = SecurityContextUsers.require();
        return ceremonies.findTop200ByOrderByInitiatedAtDesc().stream().filter(c -> me.canSee(c.regionCode()))
                .map(registry::view).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('KEY_ADMIN','AUDITOR')")
    public CeremonyView ceremony(String ceremonyId) {
        return registry.view(registry.visibleCeremony(ceremonyId));
    }

    /** The ceremony of a task in the user's inbox (co-signature, custody, presentation). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView ceremonyForTask(String taskId) {
        return registry.view(registry.load(inbox.get(taskId).businessKey()));
    }

    /** The component a custody or presentation task is about, by number and check value. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public ComponentTask componentTask(String taskId) {
        TaskRef task = inbox.get(taskId);
        KeyCeremony ceremony = registry.load(task.businessKey());
        String custodian = task.assignee();
        String source = ceremony.operation() == KeyOperation.RECOVER ? ceremony.backupId() : ceremony.id();
        KeyComponentRecord component = components.findByCeremonyIdAndCustodian(source, custodian)
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + source + " 中没有 " + custodian + " 保管的分量"));
        return new ComponentTask(ceremony.id(), ceremony.operation(), ceremony.keyLabel(),
                ceremony.keyVersion() == null ? 0 : ceremony.keyVersion(), ceremony.keyCheckValue(),
                ceremony.backupId(), component.index(), component.count(), custodian, component.checkValue());
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
        return registry.load(ceremonyId).custodians();
    }

    // ---------------------------------------------------------------- the two-person rule

    /**
     * Starts a key ceremony: checks the request ({@link CeremonyRules}), records it and starts process
     * {@code key-ceremony}, which offers the co-signature to the other key administrators. Nothing happens to any key
     * until a different key administrator co-signs.
     *
     * @throws DomainValidationException for a bad request, field by field (keys of forms/key-ceremony.form)
     * @throws AccessDeniedException     for a key outside the user's scope (levels 1 and 2 and the personal-data key
     *                                   are the national centre's)
     * @throws ConflictException         if another ceremony of the same kind on the same key is still open
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView startCeremony(CeremonyRequest request) {
        CurrentUser me = SecurityContextUsers.require();
        CeremonyRules.Checked checked = CeremonyRules.check(request, facts(me));
        if (checked.operation() == KeyOperation.UPDATE_PD_KEY) {
            PersonalDataKeyService.requireNational();
        } else if (checked.position() != null) {
            KeyRegistry.requireScope(me, checked.position());
        }
        checked.orThrow();
        return recordAndStart(me, checked);
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

    private CeremonyRules.Facts facts(CurrentUser me) {
        return new CeremonyRules.Facts() {
            @Override
            public Optional<CeremonyRules.Backup> backup(String id) {
                return ceremonies.findById(id)
                        .filter(c -> c.operation() == KeyOperation.BACKUP && me.canSee(c.regionCode()))
                        .map(CeremonyRules.Backup::of);
            }

            @Override
            public List<cn.healthcard.crypto.device.KeyInfo> versions(String label) {
                return registry.versions(label);
            }

            @Override
            public Set<String> keyAdministrators() {
                return users.all().stream().filter(u -> u.roles().contains(Role.KEY_ADMIN))
                        .map(UserAdministration.UserSummary::username).collect(Collectors.toSet());
            }

            @Override
            public String name(String username) {
                return registry.name(username);
            }
        };
    }

    /** Records a checked ceremony and starts its process, unless one of the same kind on the same key is open. */
    private CeremonyView recordAndStart(CurrentUser me, CeremonyRules.Checked c) {
        KeyOperation operation = c.operation();
        String label = c.label();
        if (!ceremonies.findByKeyLabelAndStatusIn(label, OPEN).stream()
                .filter(open -> open.operation() == operation).toList().isEmpty()) {
            throw new ConflictException("KEY_CEREMONY_OPEN", "密钥 " + label + " 已有一个未完成的「"
                    + operation.nameZh() + "」密钥仪式，请先办结");
        }
        Instant now = clock.instant();
        String id = numbers.next(NUMBER);
        KeyPurpose purpose = c.position() == null ? null : c.position().purpose();
        Integer level = c.position() == null ? null : c.position().level().number();
        KeyCeremony ceremony = ceremonies.save(new KeyCeremony(id, operation, purpose, level, c.regionCode(), label,
                c.keyVersion(), c.keyCheckValue(), c.backupId(), c.custodians(), c.reason(), me.username(), now));
        events.publishEvent(new KeyCeremonyStarted(id, ceremony.regionCode(), ceremony.operation(), ceremony.keyRef(),
                c.custodians(), c.reason()));
        Map<String, Object> variables = new HashMap<>();
        variables.put("ceremonyId", id);
        variables.put("operation", operation.name());
        variables.put(TaskInboxService.REGION_CODE, ceremony.regionCode());
        variables.put(TaskInboxService.APPLICANT_NAME, me.displayName());
        ceremony.processStarted(processes.start(PROCESS_KEY, id, variables));
        return registry.view(ceremony);
    }

    /**
     * The co-signature (复核) of a ceremony by a second key administrator: approve — the operation runs at once (a
     * recovery first waits for its custodians) — or refuse ({@link Review.Outcome#REJECT}) with a reason. The
     * initiator may not co-sign their own ceremony (two-person rule); a ceremony cannot be sent back.
     *
     * @throws AccessDeniedException     if the current user started the ceremony
     * @throws DomainValidationException on {@code decision} for {@link Review.Outcome#SEND_BACK}
     * @throws ConflictException         ({@value CaseTasks#WRONG_TASK}) if the task is another step
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView coSign(String taskId, Review review) {
        CurrentUser me = SecurityContextUsers.require();
        KeyCeremony ceremony = registry.load(tasks.require(taskId, PROCESS_KEY, COSIGN_TASK).businessKey());
        String id = ceremony.id();
        review.requireSecondPerson(ceremony.initiatedBy(), me.username(),
                "双人控制：密钥仪式 " + id + " 由您发起，须由另一名密钥管理员复核");
        if (review.outcome() == Review.Outcome.SEND_BACK) {
            throw new DomainValidationException("decision", "密钥仪式不能退回修改，请选择「同意执行」或「不同意」");
        }
        if (ceremony.operation() == KeyOperation.UPDATE_PD_KEY) {
            PersonalDataKeyService.requireNational();
        } else {
            KeyRegistry.requireScope(me, KeyHierarchy.parse(ceremony.keyLabel()).orElseThrow());
        }
        Instant now = clock.instant();
        ceremony.coSigned(me.username(), review.approved(), review.reason(), now);
        String code = review.approved() ? "APPROVE" : "REFUSE";
        events.publishEvent(new KeyCeremonyCoSigned(id, ceremony.regionCode(), ceremony.initiatedBy(), code,
                review.reason()));
        inbox.complete(taskId, Map.of(COSIGN_DECISION, code));
        return registry.view(ceremony);
    }

    /**
     * The co-signature as the form and clients send it: {@code decision} {@code APPROVE} or {@code REFUSE} (also the
     * {@link Review.Outcome#ofCode codes} of the other reviews; {@code REFUSE} is a rejection), and the comment
     * (复核意见, required to refuse).
     *
     * @throws DomainValidationException on {@code decision} or {@code comment}
     */
    public static Review coSignature(String decision, String comment) {
        return Review.of("REFUSE".equals(decision) ? Review.Outcome.REJECT : Review.Outcome.ofCode(decision), comment,
                "复核");
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
        KeyCeremony ceremony = registry.load(ceremonyId);
        if (ceremony.cosignedBy() == null || ceremony.cosignedBy().equals(ceremony.initiatedBy())) {
            throw new IllegalStateException("Key ceremony " + ceremonyId + " was not co-signed by a second person");
        }
        Instant now = clock.instant();
        try {
            operations.run(ceremony, now);
            return SUCCEEDED;
        } catch (KeyCeremonyOperations.CeremonyFailure | CryptoException e) {
            ceremony.failed(e.getMessage(), now);
            events.publishEvent(new KeyCeremonyFailed(ceremony.id(), ceremony.regionCode(), ceremony.operation(),
                    ceremony.keyRef(), e.getMessage()));
            return FAILED;
        }
    }

    // ---------------------------------------------------------------- custodians

    /**
     * A custodian takes their component of a backup into custody: the device seals it under a key derived from the
     * secret the custodian sets here (typed twice). The secret is neither stored nor shown; without it the component
     * cannot be presented for a recovery.
     */
    @Transactional
    @PreAuthorize("hasRole('KEY_ADMIN')")
    public CeremonyView takeCustody(String taskId, String secret, String secretRepeat) {
        CurrentUser me = SecurityContextUsers.require();
        TaskRef task = tasks.require(taskId, PROCESS_KEY, CUSTODY_TASK);
        KeyCeremony ceremony = registry.load(task.businessKey());
        ceremony.require(CeremonyStatus.AWAITING_CUSTODIANS);
        KeyComponentRecord component = myComponent(ceremony.id(), me, task);
        if (!KeyComponentRecord.PENDING.equals(component.status())) {
            throw new ConflictException("COMPONENT_HELD", "分量 " + component.index() + " 已由保管人接收");
        }
        List<FieldViolation> violations = new ArrayList<>();
        CeremonyRules.checkSecret(secret, violations);
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
                    + all.stream().map(c -> registry.name(c.custodian())).collect(Collectors.joining("、")) + "）",
                    clock.instant());
            events.publishEvent(new KeyBackupCompleted(ceremony.id(), ceremony.regionCode(), ceremony.keyRef(),
                    all.size()));
        }
        inbox.complete(taskId, Map.of());
        return registry.view(ceremony);
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
        TaskRef task = tasks.require(taskId, PROCESS_KEY, PRESENT_TASK);
        KeyCeremony ceremony = registry.load(task.businessKey());
        ceremony.require(CeremonyStatus.AWAITING_CUSTODIANS);
        KeyComponentRecord held = myComponent(ceremony.backupId(), me, task);
        Instant now = clock.instant();
        if (!available) {
            components.save(new KeyComponentRecord(ceremony.id(), held.index(), held.count(), me.username(),
                    KeyComponentRecord.UNAVAILABLE, held.checkValue(), null, now));
            events.publishEvent(new KeyComponentUnavailable(ceremony.id(), ceremony.regionCode(), ceremony.backupId(),
                    held.index(), held.count(), me.username()));
            inbox.complete(taskId, Map.of());
            return registry.view(ceremony);
        }
        List<FieldViolation> violations = new ArrayList<>();
        CeremonyRules.checkSecret(secret, violations);
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
        return registry.view(ceremony);
    }

    // ---------------------------------------------------------------- helpers

    private DomainValidationException rejected(KeyCeremony ceremony, KeyComponentRecord held, CurrentUser me,
                                               String reason) {
        events.publishEvent(new KeyComponentRejected(ceremony.id(), ceremony.regionCode(), ceremony.backupId(),
                held.index(), me.username(), reason));
        return new DomainValidationException("secret", reason + "：分量未被接受，可重新输入");
    }

    /** The component of {@code ceremonyId} held by the current user, who must be the task's custodian. */
    private KeyComponentRecord myComponent(String ceremonyId, CurrentUser me, TaskRef task) {
        if (!me.username().equals(task.assignee())) {
            throw new AccessDeniedException("此分量由 " + registry.name(task.assignee()) + " 保管，只能由本人办理");
        }
        return components.findByCeremonyIdAndCustodian(ceremonyId, me.username())
                .orElseThrow(() -> new NotFoundException("密钥仪式 " + ceremonyId + " 中没有您保管的分量"));
    }
}
