package cn.healthcard.security;

/**
 * The roles of the system. Each role is also a Camunda group, so BPMN candidate groups name them: the group id is the
 * role's name without underscores ({@code KEY_ADMIN} → {@code KEYADMIN}), as Camunda's resource ids are letters and
 * digits.
 * {@link #SYSTEM} and {@link #APP} are never given to a person ({@link #machineOnly()}): the process engine's own steps
 * run under SYSTEM, apps authenticated by the e-card gateway's signed envelope under APP (decision 015).
 */
public enum Role {
    CLERK("前台经办员", "Clerk"),
    SUPERVISOR("审核员", "Supervisor"),
    PRODUCTION("制卡操作员", "Production operator"),
    WAREHOUSE("库管员", "Warehouse keeper"),
    AUDITOR("审计员", "Auditor"),
    ADMIN("系统管理员", "Administrator"),
    /**
     * 密钥管理员: key ceremonies (two of them for generation, update, backup and recovery), custody of key components,
     * distribution and archiving (KEY-02). Kept apart from {@link #ADMIN}, who manages users.
     */
    KEY_ADMIN("密钥管理员", "Key administrator"),
    SYSTEM("系统", "System"),
    /**
     * 接入APP: an app (or an institution's terminal software) authenticated by the e-card gateway through its signed
     * request envelope (EHC-06). Only the gateway grants it, for the one request it serves; no stored user has it.
     */
    APP("接入应用", "Authorised app");

    private final String nameZh;
    private final String nameEn;

    Role(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Whether only the system itself grants this role (never a user row, never the login). */
    public boolean machineOnly() {
        return this == SYSTEM || this == APP;
    }

    /** The Spring Security authority, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The Camunda group id: the role name without underscores (Camunda's resource ids are letters and digits). */
    public String groupId() {
        return name().replace("_", "");
    }
}
