package cn.healthcard.audit;

/**
 * Where an action came from. Set per request by the web layers; the engine's own steps are PROCESS; COMMAND is a
 * command-line run of the application ({@code bin/audit}).
 */
public enum AuditChannel {
    UI, API, PROCESS, COMMAND;

    private static final ThreadLocal<AuditChannel> CURRENT = new ThreadLocal<>();

    public static AuditChannel current() {
        AuditChannel c = CURRENT.get();
        return c == null ? PROCESS : c;
    }

    /** Marks the current thread's work as coming from this channel until {@link #clear()}. */
    public void enter() {
        CURRENT.set(this);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
