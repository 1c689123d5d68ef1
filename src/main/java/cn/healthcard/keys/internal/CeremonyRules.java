package cn.healthcard.keys.internal;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.common.FieldViolation;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.KeyRef;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.keys.CeremonyRequest;
import cn.healthcard.keys.CeremonyStatus;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyOperation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the key-ceremony forms (KEY-01, KEY-02, decision 014; form {@code forms/key-ceremony.form}, the
 * co-signature and the custodians' tasks), one place for the screens, REST and the demo. Pure: what the rules need to
 * know about the device, the backups and the key administrators comes through {@link Facts}. Messages are Chinese and
 * name the field (keys of the form). Who may act on which key (scope, national centre) is the services' check, not
 * a field rule.
 */
public final class CeremonyRules {

    public static final int MAX_TEXT = 500;
    public static final int MIN_SECRET = 8;
    public static final int MAX_SECRET = 64;
    public static final int MIN_CUSTODIANS = 2;
    public static final int MAX_CUSTODIANS = 3;

    /** The label of the personal-data key (decision 017). */
    public static final String PERSONAL_DATA_LABEL = KeyRef.PERSONAL_DATA.label();

    /** What the rules need to know. */
    public interface Facts {

        /** A backup ceremony that the current user may see, by id. */
        Optional<Backup> backup(String id);

        /** Every version of {@code label} on the crypto device, oldest first (destroyed ones included). */
        List<KeyInfo> versions(String label);

        /** The usernames of the key administrators. */
        Set<String> keyAdministrators();

        /** A user's display name. */
        String name(String username);
    }

    /** What the rules read of a backup ceremony. */
    public record Backup(String id, CeremonyStatus status, String keyLabel, Integer keyVersion, String keyCheckValue,
                         List<String> custodians) {

        public static Backup of(KeyCeremony c) {
            return new Backup(c.id(), c.status(), c.keyLabel(), c.keyVersion(), c.keyCheckValue(), c.custodians());
        }
    }

    /**
     * A checked ceremony request: the key it is about and what the ceremony records, and the violations (empty when
     * the request may start).
     *
     * @param position   the key's place in the hierarchy; null for the personal-data key, or when it could not be told
     * @param regionCode the ceremony's region
     * @param label      the key's device label; null when it could not be told
     */
    public record Checked(KeyOperation operation, KeyHierarchy.Position position, String regionCode, String label,
                          Integer keyVersion, String keyCheckValue, String backupId, List<String> custodians,
                          String reason, List<FieldViolation> violations) {

        /** Throws the violations, if any. */
        public Checked orThrow() {
            if (!violations.isEmpty()) {
                throw new DomainValidationException(violations);
            }
            return this;
        }
    }

    private CeremonyRules() {
    }

    /**
     * Checks a request to start a ceremony, field by field.
     *
     * @throws DomainValidationException at once when no operation is chosen (nothing else can be checked)
     */
    public static Checked check(CeremonyRequest request, Facts facts) {
        if (request.operation() == null) {
            throw new DomainValidationException("operation", "请选择「操作」");
        }
        List<FieldViolation> violations = new ArrayList<>();
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            violations.add(new FieldViolation("reason", "请填写「事由」"));
        } else if (reason.length() > MAX_TEXT) {
            violations.add(new FieldViolation("reason", "「事由」最多500个字符"));
        }
        if (request.operation() == KeyOperation.UPDATE_PD_KEY) {
            if (facts.versions(PERSONAL_DATA_LABEL).isEmpty()) {
                violations.add(new FieldViolation("operation", "密码设备中没有个人数据密钥 " + PERSONAL_DATA_LABEL
                        + "，无法更新"));
            }
            return new Checked(request.operation(), null, RegionCode.NATIONAL.value(), PERSONAL_DATA_LABEL, null, null,
                    null, List.of(), reason, List.copyOf(violations));
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
                Backup backup = facts.backup(request.backupId().strip()).orElse(null);
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
            String label = position.label();
            List<KeyInfo> versions = facts.versions(label);
            switch (request.operation()) {
                case GENERATE -> {
                    if (!versions.isEmpty()) {
                        violations.add(new FieldViolation("level", "密钥 " + label + " 已存在（版本 "
                                + versions.get(versions.size() - 1).id().version() + "），换新版本请选择「更新」"));
                    }
                    parentProblem(position, facts).ifPresent(p -> violations.add(new FieldViolation("level", p)));
                }
                case UPDATE -> {
                    if (versions.isEmpty()) {
                        violations.add(new FieldViolation("level", "密钥 " + label + " 尚不存在，请先「生成」"));
                    }
                    parentProblem(position, facts).ifPresent(p -> violations.add(new FieldViolation("level", p)));
                }
                case BACKUP -> {
                    KeyInfo chosen = backupVersion(label, versions, request.keyVersion(), violations);
                    if (chosen != null) {
                        keyVersion = chosen.id().version();
                        keyCheckValue = chosen.checkValue();
                    }
                    custodians = custodians(request.custodians(), facts, violations);
                }
                case RECOVER, UPDATE_PD_KEY -> {
                    // the backup was checked above; the personal-data key is not a key of the hierarchy
                }
            }
        }
        return new Checked(request.operation(), position, position == null ? null : position.region().value(),
                position == null ? null : position.label(), keyVersion, keyCheckValue, backupId, custodians, reason,
                List.copyOf(violations));
    }

    /** A custodian's secret: 8 to 64 characters. */
    public static void checkSecret(String secret, List<FieldViolation> violations) {
        if (secret == null || secret.isEmpty()) {
            violations.add(new FieldViolation("secret", "请填写「分量口令」"));
        } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            violations.add(new FieldViolation("secret", "「分量口令」应为" + MIN_SECRET + "至" + MAX_SECRET + "个字符"));
        }
    }

    private static Optional<String> parentProblem(KeyHierarchy.Position position, Facts facts) {
        return position.parent().map(KeyHierarchy.Position::label).filter(parent -> facts.versions(parent).stream()
                        .noneMatch(k -> k.state() == KeyState.ACTIVE))
                .map(parent -> "上级密钥 " + parent + " 尚无在用版本，请先生成上级密钥");
    }

    private static KeyInfo backupVersion(String label, List<KeyInfo> versions, Integer requested,
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

    private static List<String> custodians(List<String> requested, Facts facts, List<FieldViolation> violations) {
        List<String> names = requested.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
        if (names.size() < MIN_CUSTODIANS) {
            violations.add(new FieldViolation("custodian" + (names.size() + 1),
                    "备份至少需要 " + MIN_CUSTODIANS + " 名不同的保管人"));
            return names;
        }
        if (names.size() > MAX_CUSTODIANS) {
            violations.add(new FieldViolation("custodian" + (MAX_CUSTODIANS + 1), "保管人最多 " + MAX_CUSTODIANS + " 名"));
        }
        Set<String> keyAdmins = facts.keyAdministrators();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!keyAdmins.contains(names.get(i))) {
                violations.add(new FieldViolation("custodian" + (i + 1), names.get(i) + " 不是密钥管理员"));
            } else if (!seen.add(names.get(i))) {
                violations.add(new FieldViolation("custodian" + (i + 1), "每名保管人只保管一个分量："
                        + facts.name(names.get(i)) + " 重复"));
            }
        }
        return names;
    }
}
